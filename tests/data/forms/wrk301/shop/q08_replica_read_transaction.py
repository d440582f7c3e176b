"""A transaction on the read replica, held only for consistent reads: the orders found there are published,
the rows the replica lacks are marked (a write on the default database, outside this transaction). Nothing
is written on the replica, so there is no commit for the job to wait for."""
from django.db import transaction

from . import tasks
from .models import Order


def export_replicated_orders(order_ids):
    with transaction.atomic(using="replica"):
        found = list(Order.objects.using("replica").filter(pk__in=order_ids).values_list("pk", flat=True))
        for pk in found:
            tasks.sync_ledger.apply_async(args=[pk], countdown=5)
        Order.objects.filter(pk__in=set(order_ids) - set(found)).update(export_job_id="missing")
