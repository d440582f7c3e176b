"""Issuing season invoices and recording payments against them."""
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from harbour.models import MooringAssignment, Season

from .fees import season_fee
from .models import Invoice, Payment
from .notifications import send_invoice_email

logger = logging.getLogger(__name__)

DEFAULT_DUE_DAYS = 30


class InvoicingError(Exception):
    pass


@dataclass
class InvoiceRunResult:
    issued: list = field(default_factory=list)
    reissued: list = field(default_factory=list)
    skipped_paid: list = field(default_factory=list)
    total: Decimal = Decimal("0.00")

    def summary(self):
        return (f"{len(self.issued)} invoices issued ({len(self.reissued)} replacing earlier ones), "
                f"{len(self.skipped_paid)} skipped as paid, total £{self.total}")


def _next_number(season):
    # Caller holds the season row lock, so numbers stay gap-free within a season.
    prefix = f"INV-{season.year}-"
    last = (Invoice.objects.filter(number__startswith=prefix)
            .order_by("-number").values_list("number", flat=True).first())
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


def live_invoice(assignment):
    return (assignment.invoices.filter(season=assignment.season, status__in=Invoice.LIVE)
            .order_by("-issued_at", "-pk").first())


def _issue(assignment, amount, due_days, replaces=None, note="", now=None):
    now = now or timezone.now()
    credit = replaces.paid_total if replaces is not None else Decimal("0.00")
    invoice = Invoice.objects.create(
        number=_next_number(assignment.season),
        assignment=assignment,
        season=assignment.season,
        holder_name=assignment.vessel.owner_name,
        holder_email=assignment.vessel.owner_email,
        amount=amount,
        credit=credit,
        status=Invoice.Status.PAID if credit >= amount else Invoice.Status.ISSUED,
        issued_at=now,
        paid_at=now if credit >= amount else None,
        due_on=timezone.localdate(now) + timedelta(days=due_days),
        note=note,
    )
    if replaces is not None:
        replaces.status = Invoice.Status.SUPERSEDED
        replaces.superseded_by = invoice
        replaces.save(update_fields=["status", "superseded_by"])
    return invoice


def issue_season_invoices(season, *, pontoon=None, skip_paid=False, due_days=DEFAULT_DUE_DAYS,
                          dry_run=False, now=None):
    """Bill every current berth holder of ``season`` at the current tariff.

    A holder who already has an invoice for the season gets a replacement; whatever
    was paid on the old one is carried over as credit. With ``skip_paid`` holders
    whose invoice is already paid in full are left untouched.
    """
    result = InvoiceRunResult()
    assignments = (MooringAssignment.objects.current().filter(season=season)
                   .select_related("berth", "vessel", "season").order_by("berth__code"))
    if pontoon:
        assignments = assignments.filter(berth__pontoon=pontoon.upper())
    with transaction.atomic():
        Season.objects.select_for_update().get(pk=season.pk)
        for assignment in assignments:
            previous = live_invoice(assignment)
            if skip_paid and previous is not None and previous.is_paid:
                result.skipped_paid.append(previous)
                continue
            amount = season_fee(assignment)
            result.total += amount
            if dry_run:
                result.issued.append(assignment)
                if previous is not None:
                    result.reissued.append(assignment)
                continue
            invoice = _issue(assignment, amount, due_days, replaces=previous, now=now)
            result.issued.append(invoice)
            if previous is not None:
                result.reissued.append(invoice)
    if not dry_run:
        for invoice in result.issued:
            send_invoice_email(invoice)
    logger.info("season %s invoicing: %s", season.year, result.summary())
    return result


def reissue_for_release(assignment, due_days=DEFAULT_DUE_DAYS):
    """After a berth is released mid-season, replace its invoice with a pro-rata one."""
    previous = live_invoice(assignment)
    if previous is None:
        return None
    amount = season_fee(assignment)
    if amount == previous.amount:
        return previous
    with transaction.atomic():
        Season.objects.select_for_update().get(pk=assignment.season_id)
        invoice = _issue(assignment, amount, due_days, replaces=previous,
                         note=f"pro rata to {assignment.released_on:%d %b %Y}")
    send_invoice_email(invoice)
    return invoice


def record_payment(invoice, amount, method=Payment.Method.TRANSFER, reference="", received_at=None):
    if invoice.status not in Invoice.LIVE:
        raise InvoicingError(f"{invoice} is {invoice.status}; record the payment on {invoice.superseded_by}")
    received_at = received_at or timezone.now()
    payment = Payment.objects.create(invoice=invoice, amount=amount, method=method,
                                     reference=reference, received_at=received_at)
    if invoice.balance <= 0 and invoice.status != Invoice.Status.PAID:
        invoice.status = Invoice.Status.PAID
        invoice.paid_at = received_at
        invoice.save(update_fields=["status", "paid_at"])
    return payment
