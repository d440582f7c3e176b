"""The project wrapper opens its transaction on another database: the fix registers on that one."""
from django.db import transaction

from .db import unit_of_work
from .models import Order
from .tasks import sync_ledger


def rebook(order_id):
    with unit_of_work("ledger"):
        order = Order.objects.using("ledger").get(pk=order_id)
        order.save(using="ledger")
        transaction.on_commit(lambda: sync_ledger.delay(order.pk), using="ledger")
