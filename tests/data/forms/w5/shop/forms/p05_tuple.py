from shop.tasks import ship_to


def dispatch(order, lat, lng):
    ship_to.delay((lat, lng), order.pk)
