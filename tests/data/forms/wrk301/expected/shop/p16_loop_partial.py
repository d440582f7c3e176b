"""A loop variable: the value must be bound now (partial)."""
from functools import partial

from django.db import transaction

from .models import Order
from .tasks import send_receipt


def close_all(customer):
    with transaction.atomic():
        for order in Order.objects.filter(customer=customer):
            order.total = 0
            order.save(update_fields=["total"])
            transaction.on_commit(partial(send_receipt.delay, order.pk))
