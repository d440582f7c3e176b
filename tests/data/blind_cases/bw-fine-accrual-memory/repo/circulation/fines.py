"""Overdue fines."""
import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .models import FineCharge, Patron
from .selectors import overdue_loans

logger = logging.getLogger(__name__)

FLUSH_EVERY = 500


@dataclass
class FineRun:
    day: object
    loans: int = 0
    charged: Decimal = Decimal("0")
    capped: int = 0


def fine_for(loan):
    """Today's fine for ``loan`` (annotated with fined_so_far), respecting the cap."""
    cap = min(loan.branch.max_fine, loan.copy.title.replacement_cost)
    remaining = cap - loan.fined_so_far
    if remaining <= 0:
        return Decimal("0")
    return min(loan.branch.daily_fine, remaining)


def _flush(charges, per_patron):
    with transaction.atomic():
        FineCharge.objects.bulk_create(charges, ignore_conflicts=True)
        for patron_id, amount in per_patron.items():
            Patron.objects.filter(pk=patron_id).update(balance=F("balance") + amount)


def accrue_fines(day):
    """Charge ``day``'s fine on every overdue loan; returns a FineRun summary."""
    run = FineRun(day=day)
    loans = list(overdue_loans(day))
    if not loans:
        logger.info("no overdue loans on %s", day)
        return run
    logger.info("charging fines for %d overdue loans on %s", len(loans), day)
    charges = []
    per_patron = defaultdict(Decimal)
    for loan in loans:
        run.loans += 1
        amount = fine_for(loan)
        if not amount:
            run.capped += 1
            continue
        charges.append(FineCharge(loan_id=loan.pk, patron_id=loan.patron_id, day=day, amount=amount))
        per_patron[loan.patron_id] += amount
        run.charged += amount
        if len(charges) >= FLUSH_EVERY:
            _flush(charges, per_patron)
            charges, per_patron = [], defaultdict(Decimal)
    if charges:
        _flush(charges, per_patron)
    return run


def block_patrons_over_limit():
    return Patron.objects.filter(blocked=False, balance__gte=settings.FINE_BLOCK_THRESHOLD).update(blocked=True)


def waive_fines(patron, reason=""):
    """Waive everything a patron owes (desk staff, hardship)."""
    with transaction.atomic():
        waived = FineCharge.objects.filter(patron=patron, waived=False).update(waived=True)
        Patron.objects.filter(pk=patron.pk).update(balance=Decimal("0"), blocked=False)
    logger.info("waived %d fine(s) of %s: %s", waived, patron.card_number, reason)
    return waived
