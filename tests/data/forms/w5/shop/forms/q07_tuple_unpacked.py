from shop.tasks import route


def route_to(lat, lng):
    route.delay((lat, lng))
