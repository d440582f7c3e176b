"""Loan lifecycle operations shared by the admin, the desk commands and the import scripts."""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Loan, LoanEvent

logger = logging.getLogger(__name__)


class LoanError(Exception):
    """A loan operation that is not allowed in the loan's current state."""


def normalize_barcode(raw):
    """Barcodes come in from scanners and partner exports with stray spaces and mixed case."""
    return "".join((raw or "").split()).upper()


def find_open_loan(barcode, borrowing_library=None):
    """Return the open (in transit or checked out) loan for an item barcode.

    Only one loan per item can be open at a time. Pass ``borrowing_library`` to
    restrict the lookup to items lent *to* that library.

    Raises ``Loan.DoesNotExist`` when no open loan matches.
    """
    qs = Loan.objects.select_related("lending_library", "borrowing_library").filter(
        status__in=Loan.OPEN_STATUSES
    )
    if borrowing_library is not None:
        qs = qs.filter(borrowing_library=borrowing_library)
    return qs.get(item_barcode=normalize_barcode(barcode))


def ship_loan(*, ill_number, item_barcode, title, lending_library, borrowing_library,
              patron_ref="", shipped_at=None):
    shipped_at = shipped_at or timezone.now()
    due = timezone.localdate(shipped_at) + timedelta(days=settings.ILL_LOAN_PERIOD_DAYS)
    with transaction.atomic():
        loan = Loan.objects.create(
            ill_number=ill_number,
            item_barcode=normalize_barcode(item_barcode),
            title=title,
            lending_library=lending_library,
            borrowing_library=borrowing_library,
            patron_ref=patron_ref,
            shipped_at=shipped_at,
            due_date=due,
        )
        LoanEvent.objects.create(loan=loan, kind=LoanEvent.Kind.SHIPPED, at=shipped_at,
                                 source=lending_library.code)
    return loan


def check_out_to_patron(loan, patron_ref, at=None):
    at = at or timezone.now()
    if loan.status != Loan.Status.IN_TRANSIT:
        raise LoanError(f"{loan.ill_number} is {loan.status}, cannot check out")
    with transaction.atomic():
        loan.status = Loan.Status.CHECKED_OUT
        loan.patron_ref = patron_ref
        loan.save(update_fields=["status", "patron_ref"])
        LoanEvent.objects.create(loan=loan, kind=LoanEvent.Kind.CHECKED_OUT, at=at,
                                 source=loan.borrowing_library.code)
    return loan


def renew(loan, at=None):
    at = at or timezone.now()
    if not loan.is_open:
        raise LoanError(f"{loan.ill_number} is not on loan")
    if loan.renewals >= settings.ILL_MAX_RENEWALS:
        raise LoanError(f"{loan.ill_number} has no renewals left")
    with transaction.atomic():
        loan.renewals += 1
        loan.due_date = loan.due_date + timedelta(days=settings.ILL_LOAN_PERIOD_DAYS)
        loan.is_overdue = False
        loan.save(update_fields=["renewals", "due_date", "is_overdue"])
        LoanEvent.objects.create(loan=loan, kind=LoanEvent.Kind.RENEWED, at=at,
                                 note=f"new due date {loan.due_date:%Y-%m-%d}")
    return loan


def record_return(loan, returned_at=None, condition=Loan.Condition.GOOD, source=""):
    """Close a loan as returned. Returns False if it was already closed as returned."""
    returned_at = returned_at or timezone.now()
    with transaction.atomic():
        loan = Loan.objects.select_for_update().get(pk=loan.pk)
        if loan.status == Loan.Status.RETURNED:
            return False
        if loan.status not in Loan.OPEN_STATUSES:
            raise LoanError(f"{loan.ill_number} is {loan.status}, cannot return")
        note = "" if condition == Loan.Condition.GOOD else f"condition: {condition}"
        loan.status = Loan.Status.RETURNED
        loan.returned_at = returned_at
        loan.return_condition = condition
        loan.is_overdue = False
        loan.save(update_fields=["status", "returned_at", "return_condition", "is_overdue"])
        LoanEvent.objects.create(loan=loan, kind=LoanEvent.Kind.RETURNED, at=returned_at,
                                 source=source, note=note)
    if condition != Loan.Condition.GOOD:
        logger.warning("%s returned %s, lender %s should be told", loan.ill_number, condition,
                       loan.lending_library.code)
    return True


def declare_lost(loan, at=None, source="nightly"):
    at = at or timezone.now()
    with transaction.atomic():
        loan.status = Loan.Status.LOST
        loan.save(update_fields=["status"])
        LoanEvent.objects.create(loan=loan, kind=LoanEvent.Kind.LOST, at=at, source=source)
    return loan
