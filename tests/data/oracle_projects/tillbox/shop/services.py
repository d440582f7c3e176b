from django.db import transaction

from .models import Order
from .tasks import send_receipt


def place_order(customer, total):
    with transaction.atomic():
        order = Order.objects.create(customer=customer, total=total)
        send_receipt.delay(order.pk)
    return order
