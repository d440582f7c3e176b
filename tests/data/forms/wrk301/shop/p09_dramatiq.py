"""Queue library: Dramatiq actor .send()."""
from django.db import transaction

from .actors import notify_warehouse
from .models import Order


def ship(order_id):
    with transaction.atomic():
        order = Order.objects.get(pk=order_id)
        order.save()
        notify_warehouse.send(order.pk)
