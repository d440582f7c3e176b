"""A loop variable: the value must be bound now (partial)."""
from django.db import transaction

from .models import Order
from .tasks import send_receipt


def close_all(customer):
    with transaction.atomic():
        for order in Order.objects.filter(customer=customer):
            order.total = 0
            order.save(update_fields=["total"])
            send_receipt.delay(order.pk)
