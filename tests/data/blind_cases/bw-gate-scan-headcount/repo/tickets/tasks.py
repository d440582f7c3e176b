import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .admissions import apply_scan_batch
from .models import ScanBatch, Ticket, TimeSlot

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def process_scan_batch(batch_id):
    batch = ScanBatch.objects.get(pk=batch_id)
    if batch.status == ScanBatch.Status.PROCESSED:
        logger.info("batch %s already processed", batch_id)
        return {}
    return apply_scan_batch(batch)


@shared_task
def send_ticket_email(ticket_id):
    ticket = Ticket.objects.select_related("slot__exhibition").get(pk=ticket_id)
    if not ticket.email:
        return False
    start = timezone.localtime(ticket.slot.starts_at)
    send_mail(
        f"Your tickets for {ticket.slot.exhibition.name}",
        f"Dear {ticket.holder_name},\n\nyour ticket {ticket.code} is valid for {ticket.party_size} "
        f"person(s) on {start:%A %d %B} at {start:%H:%M}.\n",
        settings.DEFAULT_FROM_EMAIL,
        [ticket.email],
    )
    return True


@shared_task
def close_past_slots():
    """Stop selling slots that have ended."""
    return TimeSlot.objects.filter(is_closed=False, ends_at__lte=timezone.now()).update(is_closed=True)
