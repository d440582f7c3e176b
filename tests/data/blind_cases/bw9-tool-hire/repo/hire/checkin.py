"""Checking tools back in at the counter and handing the rental to billing.

The counter records when the tools came back and anything wrong with them;
the billing worker (billing.tasks.settle_rental) then works out what is
owed, issues the final invoice and refunds the rest of the deposit. The
worker gets everything it needs in the task's arguments, assembled here.
"""
import logging
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from billing.tasks import settle_rental

from . import pricing
from .models import DamageReport, Rental

logger = logging.getLogger(__name__)


class CheckInError(Exception):
    """The rental cannot be checked in (or settled) as asked."""


@dataclass(frozen=True)
class DamageNote:
    line_id: int
    fee: Decimal
    note: str = ""


@dataclass
class SettlementRequest:
    """Everything billing needs to settle one returned rental."""

    rental_id: int
    reference: UUID
    returned_at: datetime
    checked_in_by: str
    deposit_held: Decimal
    late_fees: dict[date, Decimal] = field(default_factory=dict)
    damage: list[DamageNote] = field(default_factory=list)
    cleaning_fee: Decimal = Decimal("0.00")

    @property
    def extras_total(self) -> Decimal:
        total = sum(self.late_fees.values(), Decimal("0"))
        total += sum((d.fee for d in self.damage), Decimal("0"))
        return pricing.money(total + self.cleaning_fee)

    def as_task_kwargs(self) -> dict:
        """Keyword arguments for billing.tasks.settle_rental."""
        kwargs = asdict(self)
        # notes are free text typed at the counter: keep the message small
        kwargs["damage"] = [
            {"line_id": d.line_id, "fee": d.fee, "note": d.note[:200]} for d in self.damage
        ]
        return kwargs


class CheckInService:
    """Check-in of one rental by one member of the counter staff."""

    def __init__(self, rental, *, clerk, now=None):
        self.rental = rental
        self.clerk = clerk
        self.now = now or timezone.now

    def check_in(self, *, returned_at=None, damage=(), cleaning_fee=Decimal("0.00")):
        returned_at = returned_at or self.now()
        cleaning_fee = pricing.money(cleaning_fee)
        if cleaning_fee < 0:
            raise CheckInError("the cleaning fee cannot be negative")

        with transaction.atomic():
            rental = Rental.objects.select_for_update().get(pk=self.rental.pk)
            if rental.status != Rental.Status.OUT:
                raise CheckInError(f"rental {rental.pk} is {rental.get_status_display().lower()}, not out on hire")
            if rental.picked_up_at and returned_at < rental.picked_up_at:
                raise CheckInError("the tools cannot come back before they were picked up")
            notes = self._record_damage(rental, damage)

            rental.status = Rental.Status.RETURNED
            rental.returned_at = returned_at
            rental.checked_in_by = self.clerk
            rental.save(update_fields=["status", "returned_at", "checked_in_by", "updated_at"])

            request = self.build_request(rental, notes, cleaning_fee)
            transaction.on_commit(lambda: self.enqueue(request))

        logger.info("rental %s checked in by %s (late days: %s, damage lines: %s)",
                    rental.pk, self.clerk, len(request.late_fees), len(request.damage))
        self.rental = rental
        return rental

    def _record_damage(self, rental, damage):
        lines = {line.pk: line for line in rental.lines.all()}
        notes = []
        for item in damage:
            if item.line_id not in lines:
                raise CheckInError(f"line {item.line_id} is not part of rental {rental.pk}")
            fee = pricing.money(item.fee)
            if fee <= 0:
                raise CheckInError("a damage fee must be positive")
            DamageReport.objects.create(
                rental=rental, line=lines[item.line_id], fee=fee, note=item.note, reported_by=self.clerk)
            notes.append(DamageNote(line_id=item.line_id, fee=fee, note=item.note))
        return notes

    @staticmethod
    def build_request(rental, damage, cleaning_fee=Decimal("0.00")):
        return SettlementRequest(
            rental_id=rental.pk,
            reference=rental.reference,
            returned_at=rental.returned_at,
            checked_in_by=rental.checked_in_by,
            deposit_held=rental.deposit_held,
            late_fees=pricing.late_day_charges(rental, rental.returned_at),
            damage=list(damage),
            cleaning_fee=cleaning_fee,
        )

    @staticmethod
    def enqueue(request):
        result = settle_rental.apply_async(kwargs=request.as_task_kwargs())
        logger.info("settlement of rental %s queued as %s", request.rental_id, result.id)
        return result

    @classmethod
    def resettle(cls, rental, *, cleaning_fee=Decimal("0.00")):
        """Queue the settlement again for a returned rental that has no invoice yet."""
        if rental.status != Rental.Status.RETURNED:
            raise CheckInError(f"rental {rental.pk} is {rental.get_status_display().lower()}, not awaiting settlement")
        if hasattr(rental, "invoice"):
            raise CheckInError(f"rental {rental.pk} already has invoice {rental.invoice.number}")
        notes = [DamageNote(line_id=r.line_id, fee=r.fee, note=r.note)
                 for r in rental.damage_reports.order_by("pk")]
        request = cls.build_request(rental, notes, cleaning_fee)
        return cls.enqueue(request)
