"""Spelling: `atomic` imported under an alias, a from-import of the task."""
from django.db.transaction import atomic as tx_atomic, on_commit

from .models import Order
from .tasks import send_receipt


def place_order(customer, total):
    with tx_atomic():
        order = Order.objects.create(customer=customer, total=total)
        on_commit(lambda: send_receipt.delay(order.pk))
    return order
