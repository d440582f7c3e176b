from celery import shared_task
from django.core.mail import send_mail

from shop.models import Line, Order


@shared_task
def send_confirmation(order):
    """E-mail the customer."""
    send_mail("Your order", f"Order {order.ref}", None, [order.customer.email])


@shared_task
def notify_customer(customer):
    send_mail("Hello", "News", None, [customer.email])


@shared_task
def restock(skus):
    skus = set(skus)  # sent as a list: JSON has no sets
    for sku in skus:
        Line.objects.filter(sku=sku).update(qty=0)
    skus.discard("")


DEPOTS = {(52.37, 4.9): "AMS", (51.51, -0.13): "LON"}


@shared_task
def ship_to(point, order_id):
    return DEPOTS.get(point, "road"), order_id


@shared_task
def adjust_quantities(quantities):
    changed = 0
    for line in Line.objects.filter(pk__in=list(quantities)):
        line.qty = quantities[line.pk]
        line.save(update_fields=["qty"])
        changed += 1
    return changed


@shared_task
def audit(orders):
    return [o.pk for o in orders]


@shared_task
def tag_lines(line_ids):
    return sorted(line_ids)


@shared_task
def archive(order_id, total, placed_at, ref):
    return Order.objects.filter(pk=order_id, total=total, placed_at=placed_at, ref=ref).exists()


@shared_task(serializer="pickle")
def pickled_report(order):
    return order.pk


@shared_task
def email_totals(totals):
    return totals.get(1)


@shared_task
def route(point):
    lat, lng = point
    return f"{lat:.2f},{lng:.2f}"


@shared_task
def zero_lines(quantities):
    for line_id, qty in quantities.items():
        Line.objects.filter(pk=line_id).update(qty=qty)
