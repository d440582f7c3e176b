"""The enqueue comes after the atomic block (committed by then)."""
from django.db import transaction

from .dispatch import publish
from .models import Order
from .tasks import send_receipt


def place(customer):
    with transaction.atomic():
        order = Order.objects.create(customer=customer)
    send_receipt.delay(order.pk)
    publish(send_receipt, order.pk)
    return order
