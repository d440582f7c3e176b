"""A nested helper function, called inside the transaction."""
from functools import partial

from django.db import transaction

from .models import Order
from .tasks import send_receipt


def refund(order_id):
    def notify(order):
        transaction.on_commit(partial(send_receipt.delay, order.pk))

    with transaction.atomic():
        order = Order.objects.get(pk=order_id)
        order.total = 0
        order.save()
        notify(order)
