from shop.models import Order


def totals_by_customer():
    return {order.customer_id: str(order.total) for order in Order.objects.all()}
