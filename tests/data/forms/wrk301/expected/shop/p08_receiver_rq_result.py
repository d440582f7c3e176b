"""post_save receiver fired by a save inside a transaction; RQ via django_rq.get_queue, result used."""
import django_rq
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .jobs import export_order
from .models import Order


@receiver(post_save, sender=Order)
def queue_export(sender, instance, created, **kwargs):
    if not created:
        return
    queue = django_rq.get_queue("exports")
    def _enqueue_export_order():
        job = queue.enqueue(export_order, instance.pk)
        instance.export_job_id = job.id
        instance.save(update_fields=["export_job_id"])
    transaction.on_commit(_enqueue_export_order)


def import_batch(rows):
    with transaction.atomic():
        for row in rows:
            Order.objects.create(customer=row["customer"])
