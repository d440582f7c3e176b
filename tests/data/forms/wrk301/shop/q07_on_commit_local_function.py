"""Already fixed the long way: the enqueue and its result's use in a local function on on_commit."""
import django_rq
from django.db import transaction

from .jobs import export_order
from .models import Order


def export(order_id):
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)

        def _enqueue():
            job = django_rq.get_queue("exports").enqueue(export_order, order.pk)
            Order.objects.filter(pk=order.pk).update(export_job_id=job.id)

        transaction.on_commit(_enqueue)
