from shop.tasks import ship_to


def dispatch(order_id, lat, lng):
    ship_to.delay((lat, lng), order_id)
