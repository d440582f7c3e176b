"""Transaction on another database: the callback must be registered on it."""
from django.db import transaction

from . import tasks
from .models import Order


def record_payment(order_id, amount):
    with transaction.atomic(using="ledger"):
        order = Order.objects.using("ledger").get(pk=order_id)
        order.total = amount
        order.save(update_fields=["total"])
        transaction.on_commit(lambda: tasks.sync_ledger.apply_async(args=[order.pk], countdown=5), using="ledger")
