from celery import shared_task

from .models import Entry, Receipt


@shared_task
def send_receipt(entry_id):
    """Runs in a worker: the entry must be committed by then."""
    entry = Entry.objects.get(pk=entry_id)
    Receipt.objects.create(entry_id=entry.pk, amount=entry.amount)
    return entry.pk


@shared_task
def notify_void(entry_id):
    return entry_id
