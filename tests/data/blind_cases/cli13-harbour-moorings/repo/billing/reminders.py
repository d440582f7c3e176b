import logging
from datetime import timedelta

from django.utils import timezone

from .models import Invoice
from .notifications import send_payment_reminder

logger = logging.getLogger(__name__)

REMINDER_INTERVAL = timedelta(days=7)


def overdue_invoices(days_overdue=0, today=None):
    today = today or timezone.localdate()
    return (Invoice.objects.filter(status=Invoice.Status.ISSUED, due_on__lt=today - timedelta(days=days_overdue))
            .select_related("season").order_by("due_on", "number"))


def send_payment_reminders(days_overdue=0, dry_run=False, now=None):
    """Remind holders of unpaid invoices, at most once a week per invoice."""
    now = now or timezone.now()
    due = []
    for invoice in overdue_invoices(days_overdue, today=timezone.localdate(now)):
        if invoice.last_reminder_at and now - invoice.last_reminder_at < REMINDER_INTERVAL:
            continue
        due.append(invoice)
        if dry_run:
            continue
        send_payment_reminder(invoice)
        invoice.last_reminder_at = now
        invoice.save(update_fields=["last_reminder_at"])
    logger.info("payment reminders: %d %s", len(due), "would be sent" if dry_run else "sent")
    return due
