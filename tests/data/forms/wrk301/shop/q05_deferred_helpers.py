"""Deferred: a named function and a partial passed to on_commit."""
from functools import partial

from django.db import transaction

from .models import Order
from .tasks import send_receipt


def refund(order_id):
    def notify():
        send_receipt.delay(order_id)

    with transaction.atomic():
        Order.objects.filter(pk=order_id).update(total=0)
        transaction.on_commit(notify)
        transaction.on_commit(partial(send_receipt.delay, order_id))
