"""Monthly invoices: one per company, one line per billable booking."""
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import AdjustmentKind, AdjustmentStatus
from .models import Booking, Invoice, InvoiceLine, money

logger = logging.getLogger(__name__)


class InvoiceLocked(Exception):
    """The period's invoice was already issued; it is corrected with a credit note, not rebuilt."""


@dataclass
class DraftLine:
    booking: Booking
    description: str
    hours: Decimal
    unit_price: Decimal
    discount_percent: int
    amount: Decimal


@dataclass
class InvoiceDraft:
    company: object
    period: object
    lines: list = field(default_factory=list)

    @property
    def subtotal(self):
        return money(sum((line.amount for line in self.lines), Decimal("0")))

    @property
    def vat(self):
        return money(self.subtotal * settings.DESKHUB["VAT_RATE"])

    @property
    def total(self):
        return self.subtotal + self.vat

    @property
    def number(self):
        prefix = settings.DESKHUB["INVOICE_PREFIX"]
        return f"{prefix}-{self.period.first_day:%Y%m}-{self.company.slug.upper()}"


def billable_bookings(company, period):
    return (
        Booking.objects.for_company(company)
        .starting_between(period.start, period.end)
        .billable()
        .select_related("desk", "desk__location", "member")
        .prefetch_related("adjustments")
        .order_by("start", "pk")
    )


def discount_percent(booking):
    """Sum of the booking's approved discounts, at most 100."""
    total = sum(
        adj.percent or 0
        for adj in booking.adjustments.all()
        if adj.kind == AdjustmentKind.DISCOUNT and adj.status == AdjustmentStatus.APPROVED
    )
    return min(total, 100)


def price_line(booking):
    hours = booking.hours
    rate = booking.desk.hourly_rate
    pct = discount_percent(booking)
    gross = hours * rate
    amount = money(gross * (100 - pct) / 100)
    local_start = timezone.localtime(booking.start)
    description = f"{local_start:%d %b %H:%M} {booking.desk} ({booking.desk.get_kind_display()}) - {booking.member.name}"
    if booking.status == Booking.Status.NO_SHOW:
        description += " [no-show]"
    if pct:
        description += f" -{pct}%"
    return DraftLine(booking, description, hours, rate, pct, amount)


def draft_invoice(company, period):
    draft = InvoiceDraft(company=company, period=period)
    draft.lines = [price_line(b) for b in billable_bookings(company, period)]
    return draft


@transaction.atomic
def save_invoice(draft):
    """Write the draft as the period's invoice, replacing an earlier draft."""
    invoice = (
        Invoice.objects.select_for_update()
        .filter(company=draft.company, period_start=draft.period.first_day)
        .first()
    )
    if invoice is not None and not invoice.is_editable:
        raise InvoiceLocked(f"{invoice.number} is {invoice.get_status_display().lower()}")
    if invoice is None:
        invoice = Invoice(company=draft.company, period_start=draft.period.first_day, number=draft.number)
    else:
        invoice.lines.all().delete()
    invoice.period_end = draft.period.last_day
    invoice.subtotal = draft.subtotal
    invoice.vat = draft.vat
    invoice.total = draft.total
    invoice.save()
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            booking=line.booking,
            description=line.description[:200],
            hours=line.hours,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            amount=line.amount,
        )
        for line in draft.lines
    )
    logger.info("saved %s: %d line(s), subtotal %s", invoice.number, len(draft.lines), invoice.subtotal)
    return invoice


def issue(invoice, now=None):
    now = now or timezone.now()
    invoice.status = Invoice.Status.ISSUED
    invoice.issued_at = now
    invoice.due_on = timezone.localdate(now) + timedelta(days=invoice.company.payment_terms_days)
    invoice.save(update_fields=["status", "issued_at", "due_on"])
    return invoice
