"""Scheduled jobs, run by `manage.py run_jobs` (APScheduler, museum local time)."""
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from .models import Location, OutgoingLoan
from .tasks import send_loan_reminder

log = logging.getLogger(__name__)


def locations_due_for_audit(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.COLLECTION["AUDIT_INTERVAL_DAYS"])
    return (
        Location.objects.filter(active=True, kind=Location.Kind.STORE)
        .filter(Q(last_audited_at__isnull=True) | Q(last_audited_at__lt=cutoff))
        .order_by("building", "code")
    )


def send_audit_digest(now=None):
    """Weekly: email the registrar the store locations that have not been audited recently."""
    due = list(locations_due_for_audit(now))
    if not due:
        log.info("audit digest: nothing due")
        return 0
    lines = []
    for loc in due:
        last = timezone.localtime(loc.last_audited_at).strftime("%d %b %Y") if loc.last_audited_at else "never"
        lines.append(f"{loc.code:<12} {loc.building:<14} last audited {last}")
    send_mail(
        f"[stores] {len(due)} location(s) due for audit",
        "\n".join(lines), None, [settings.COLLECTION["REGISTRAR_EMAIL"]],
    )
    return len(due)


def queue_loan_reminders(today=None):
    """Daily: queue one reminder per outgoing loan that falls due within LOAN_REMINDER_DAYS."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.COLLECTION["LOAN_REMINDER_DAYS"])
    loans = OutgoingLoan.objects.filter(
        returned_on__isnull=True, reminder_sent_on__isnull=True, due_back__lte=horizon,
    ).values_list("pk", flat=True)
    count = 0
    for loan_id in loans:
        send_loan_reminder.delay(loan_id, today.isoformat())
        count += 1
    return count
