from shop.models import Order
from shop.tasks import send_confirmation


def place(order_id):
    order = Order.objects.get(pk=order_id)
    send_confirmation.delay(order.pk)
