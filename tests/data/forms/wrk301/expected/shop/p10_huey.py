"""Queue library: calling a Huey task enqueues it."""
from django.db import transaction

from . import huey_tasks
from .models import Order


def rename(order_id, customer):
    with transaction.atomic():
        Order.objects.filter(pk=order_id).update(customer=customer)
        transaction.on_commit(lambda: huey_tasks.reindex_order(order_id))
