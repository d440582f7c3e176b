import logging
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from catalog.models import Branch

from .fines import accrue_fines, block_patrons_over_limit
from .models import FineCharge, Hold
from .selectors import loans_overdue_by

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def accrue_overdue_fines(day=None):
    """Nightly: charge the day's overdue fines, then block patrons over the limit.

    ``day`` is an ISO date string (default: today in the library's time zone).
    """
    day = date.fromisoformat(day) if day else timezone.localdate()
    run = accrue_fines(day)
    blocked = block_patrons_over_limit()
    logger.info("fines for %s: %d loans, %s charged, %d capped, %d newly blocked",
                day, run.loans, run.charged, run.capped, blocked)
    return {"day": day.isoformat(), "loans": run.loans, "charged": str(run.charged),
            "capped": run.capped, "blocked": blocked}


@shared_task
def send_overdue_notices():
    today = timezone.localdate()
    branches = {b.pk: b for b in Branch.objects.all()}
    sent = 0
    for days in settings.OVERDUE_NOTICE_DAYS:
        loans = (
            loans_overdue_by(days, today)
            .exclude(patron__email="")
            .select_related("patron", "copy__title")
            .iterator(chunk_size=500)
        )
        for loan in loans:
            branch = branches[loan.branch_id]
            send_mail(
                f"Overdue: {loan.copy.title.title}",
                f"Dear {loan.patron.name},\n\n'{loan.copy.title.title}' was due back at {branch.name} on "
                f"{loan.due_on:%B %d} ({days} days ago). Fines are {branch.daily_fine} per day.\n",
                settings.DEFAULT_FROM_EMAIL,
                [loan.patron.email],
            )
            sent += 1
    return sent


@shared_task
def expire_holds():
    now = timezone.now()
    expired = Hold.objects.filter(status=Hold.Status.READY, ready_until__lt=now).update(status=Hold.Status.EXPIRED)
    if expired:
        logger.info("%d hold(s) expired", expired)
    return expired


@shared_task
def purge_old_fine_charges(keep_days=730):
    """Yearly housekeeping: delete waived charges older than ``keep_days``."""
    cutoff = timezone.localdate() - timedelta(days=keep_days)
    deleted, _ = FineCharge.objects.filter(waived=True, day__lt=cutoff).delete()
    return deleted
