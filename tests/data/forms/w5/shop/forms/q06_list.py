from shop.tasks import restock


def restock_many(skus):
    restock.delay(sorted(skus))
