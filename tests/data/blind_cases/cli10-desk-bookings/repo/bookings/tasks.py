import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from .models import Booking, BookingAdjustment, Invoice
from .notifications import email_invoice, email_pending_digest

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_invoice_email(self, invoice_id):
    invoice = Invoice.objects.select_related("company").filter(pk=invoice_id).first()
    if invoice is None:
        logger.warning("invoice %s vanished before it was emailed", invoice_id)
        return
    if invoice.status != Invoice.Status.ISSUED:
        logger.info("not emailing %s: status %s", invoice.number, invoice.status)
        return
    email_invoice(invoice)


@shared_task
def build_monthly_invoices():
    """Beat, 1st of the month: previous month's invoices, issued and emailed."""
    call_command("build_invoices", "--issue")


@shared_task
def send_pending_adjustments_digest():
    pending = list(BookingAdjustment.objects.requested().select_related("booking__desk__location", "booking__member"))
    return email_pending_digest(pending)


@shared_task
def mark_no_shows():
    grace = timedelta(minutes=settings.DESKHUB["NO_SHOW_GRACE_MINUTES"])
    updated = (
        Booking.objects.confirmed()
        .ended_before(timezone.now() - grace)
        .filter(checked_in_at__isnull=True)
        .update(status=Booking.Status.NO_SHOW)
    )
    if updated:
        logger.info("marked %d booking(s) as no-show", updated)
    return updated
