from shop.models import Order
from shop.tasks import archive


def archive_order(order_id):
    order = Order.objects.get(pk=order_id)
    archive.delay(order.pk, order.total, order.placed_at, order.ref)
