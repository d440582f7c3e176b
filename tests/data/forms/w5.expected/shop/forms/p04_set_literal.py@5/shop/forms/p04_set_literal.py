from shop.tasks import restock


def restock_two(a, b):
    restock.delay(list({a, b}))
