from shop.models import Line
from shop.tasks import notify_customer


def line_added(line_id):
    line = Line.objects.select_related("order__customer").get(pk=line_id)
    notify_customer.delay(line.order.customer.pk)
