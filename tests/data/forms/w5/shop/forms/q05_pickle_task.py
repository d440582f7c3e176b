from shop.models import Order
from shop.tasks import pickled_report


def report(order_id):
    pickled_report.delay(Order.objects.get(pk=order_id))
