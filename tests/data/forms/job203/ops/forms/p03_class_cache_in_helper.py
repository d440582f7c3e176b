from celery import shared_task

from ops import outbox
from ops.catalog import Routing


@shared_task
def route_orders(codes=("north", "south")):
    for code in codes:
        outbox.send("route", Routing.url_for(code))
