"""No transaction anywhere: autocommit, every save is committed before the enqueue."""
from .actors import notify_warehouse
from .models import Order
from .tasks import send_receipt


def place_order(customer):
    order = Order.objects.create(customer=customer)
    send_receipt.delay(order.pk)
    notify_warehouse.send(order.pk)
    return order
