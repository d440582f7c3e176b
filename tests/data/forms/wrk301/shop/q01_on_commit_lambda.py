"""Already deferred with on_commit (lambda, on the right database)."""
from django.db import transaction

from .models import Order
from .tasks import send_receipt, sync_ledger


def place_order(customer):
    with transaction.atomic():
        order = Order.objects.create(customer=customer)
        transaction.on_commit(lambda: send_receipt.delay(order.pk))
    with transaction.atomic(using="ledger"):
        transaction.on_commit(lambda: sync_ledger.delay(order.pk), using="ledger")
    return order
