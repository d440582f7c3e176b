"""@atomic decorator; the job sent through a signature."""
from django.db import transaction

from .models import Order
from .tasks import send_receipt


@transaction.atomic
def reopen(order_id):
    order = Order.objects.select_for_update().get(pk=order_id)
    order.total = 0
    order.save(update_fields=["total"])
    transaction.on_commit(lambda: send_receipt.s(order.pk).delay())
