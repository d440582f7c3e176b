from django.db import transaction

from hooks.services import emit_event

from .models import Order


def mark_paid(order):
    with transaction.atomic():
        Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID)
        order.status = Order.Status.PAID
        emit_event("order.paid", order.as_payload())
    return order
