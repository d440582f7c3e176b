from django.db import transaction

from .models import Order
from .p05_helper import announce


def checkout(customer):
    with transaction.atomic():
        order = Order.objects.create(customer=customer)
        announce(order)
    return order
