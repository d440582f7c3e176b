import django_rq

from shop.models import Order
from shop.tasks import send_confirmation


def place_with_rq(order_id):
    order = Order.objects.get(pk=order_id)
    django_rq.get_queue("default").enqueue(send_confirmation, order.pk)
