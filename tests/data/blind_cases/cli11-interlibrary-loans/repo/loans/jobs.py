"""Nightly housekeeping, run from cron through `manage.py nightly_jobs`."""
import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from libraries.models import Library

from . import notices
from .models import Loan, LoanEvent
from .services import declare_lost

logger = logging.getLogger(__name__)


def flag_overdue_loans(today=None):
    today = today or timezone.localdate()
    newly_overdue = list(
        Loan.objects.filter(status__in=Loan.OPEN_STATUSES, due_date__lt=today, is_overdue=False)
    )
    for loan in newly_overdue:
        loan.is_overdue = True
        loan.save(update_fields=["is_overdue"])
        LoanEvent.objects.create(loan=loan, kind=LoanEvent.Kind.OVERDUE, source="nightly",
                                 note=f"due {loan.due_date:%Y-%m-%d}")
    logger.info("flag_overdue_loans: %d newly overdue", len(newly_overdue))
    return len(newly_overdue)


def declare_long_overdue_lost(today=None):
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.ILL_LOST_AFTER_DAYS)
    count = 0
    for loan in Loan.objects.filter(status=Loan.Status.CHECKED_OUT, due_date__lt=cutoff):
        declare_lost(loan)
        count += 1
    logger.info("declare_long_overdue_lost: %d loans declared lost", count)
    return count


def email_overdue_digests(today=None):
    today = today or timezone.localdate()
    by_library = defaultdict(list)
    overdue = (Loan.objects.filter(status__in=Loan.OPEN_STATUSES, is_overdue=True)
               .select_related("lending_library", "borrowing_library")
               .order_by("due_date"))
    for loan in overdue:
        by_library[loan.borrowing_library_id].append(loan)
    sent = 0
    for library in Library.objects.filter(pk__in=by_library, is_active=True):
        if notices.send_overdue_digest(library, by_library[library.pk]):
            sent += 1
    logger.info("email_overdue_digests: %d digests sent", sent)
    return sent


def purge_old_events(today=None):
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.ILL_EVENT_RETENTION_DAYS)
    deleted, _ = LoanEvent.objects.filter(
        at__date__lt=cutoff, loan__status__in=[Loan.Status.RETURNED, Loan.Status.CANCELLED]
    ).delete()
    return deleted


JOBS = {
    "overdue": flag_overdue_loans,
    "lost": declare_long_overdue_lost,
    "digests": email_overdue_digests,
    "purge": purge_old_events,
}
