from .models import Order


def export_order(order_id):
    return Order.objects.get(pk=order_id).pk
