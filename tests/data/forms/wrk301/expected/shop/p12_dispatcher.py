"""A project dispatcher that calls apply_async on the task it is handed (shop/dispatch.py)."""
from django.db import transaction

from .dispatch import publish
from .models import Order
from .tasks import send_receipt


def place(customer):
    with transaction.atomic():
        order = Order.objects.create(customer=customer)
        transaction.on_commit(lambda: publish(send_receipt, order.pk, countdown=2))
    return order
