"""Inside a transaction, but nothing is published: a Django signal's send(), a throttle's delay(),
a plain function call of a Celery task (it runs inline)."""
import django.dispatch
from django.db import transaction

from .models import Order
from .tasks import send_receipt

order_placed = django.dispatch.Signal()


def place(customer, throttle):
    with transaction.atomic():
        order = Order.objects.create(customer=customer)
        order_placed.send(sender=Order, order=order)
        throttle.delay(0.5)
        send_receipt(order.pk)
    return order
