"""Booking and pick-up of rentals.

The counter API, the web shop and the admin all go through these functions.
"""
import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from . import pricing
from .models import Rental, RentalLine, Tool
from .tasks import send_booking_confirmation

logger = logging.getLogger(__name__)


class BookingError(Exception):
    """The booking cannot be made or changed."""


class ToolUnavailable(BookingError):
    pass


@dataclass(frozen=True)
class BookingLine:
    sku: str
    quantity: int = 1


@dataclass(frozen=True)
class BookingConfirmation:
    """What the confirmation e-mail needs, so the worker does not have to re-price the booking."""

    rental_id: int
    reference: UUID
    customer_email: str
    branch_name: str
    pickup_at: datetime
    due_at: datetime
    hire_paid: Decimal
    deposit_held: Decimal
    tools: list

    @classmethod
    def for_rental(cls, rental):
        return cls(
            rental_id=rental.pk,
            reference=rental.reference,
            customer_email=rental.customer.email,
            branch_name=rental.branch.name,
            pickup_at=rental.pickup_at,
            due_at=rental.due_at,
            hire_paid=rental.hire_paid,
            deposit_held=rental.deposit_held,
            tools=[f"{line.quantity} x {line.tool.name}" for line in rental.lines.select_related("tool")],
        )


def booked_quantity(tool, pickup_at, due_at, exclude_rental=None):
    """How many of this tool are promised to other rentals overlapping the window."""
    overlapping = RentalLine.objects.filter(
        tool=tool,
        rental__status__in=[Rental.Status.BOOKED, Rental.Status.OUT],
        rental__pickup_at__lt=due_at,
    ).filter(Q(rental__due_at__gt=pickup_at) | Q(rental__status=Rental.Status.OUT))
    if exclude_rental is not None:
        overlapping = overlapping.exclude(rental=exclude_rental)
    return overlapping.aggregate(n=Sum("quantity"))["n"] or 0


def book_rental(branch, customer, lines, *, pickup_at, due_at):
    if not lines:
        raise BookingError("a booking needs at least one tool")
    if due_at <= pickup_at:
        raise BookingError("the hire must end after it starts")
    if pickup_at < timezone.now() - timedelta(minutes=15):
        raise BookingError("cannot book a hire in the past")

    with transaction.atomic():
        tools = {t.sku: t for t in Tool.objects.select_for_update().filter(
            branch=branch, sku__in=[line.sku for line in lines], active=True)}
        rental = Rental.objects.create(branch=branch, customer=customer, pickup_at=pickup_at, due_at=due_at)
        created = []
        for request in lines:
            tool = tools.get(request.sku)
            if tool is None:
                raise ToolUnavailable(f"{request.sku} is not hired out at {branch.name}")
            if request.quantity < 1:
                raise BookingError(f"bad quantity {request.quantity} for {request.sku}")
            free = tool.stock - booked_quantity(tool, pickup_at, due_at, exclude_rental=rental)
            if request.quantity > free:
                raise ToolUnavailable(f"only {max(free, 0)} x {tool.name} free for those dates")
            created.append(RentalLine.objects.create(
                rental=rental, tool=tool, quantity=request.quantity, day_rate=tool.day_rate))

        discount = customer.trade_discount_percent if customer.account == customer.Account.TRADE else 0
        rental.hire_paid = pricing.hire_charge(created, pickup_at, due_at, discount)
        rental.deposit_held = pricing.deposit_for(created)
        rental.save(update_fields=["hire_paid", "deposit_held", "updated_at"])

        if customer.email:
            confirmation = BookingConfirmation.for_rental(rental)
            transaction.on_commit(lambda: send_booking_confirmation.s(**asdict(confirmation)).apply_async())

    logger.info("rental %s booked at %s: %s lines, hire %s, deposit %s",
                rental.pk, branch.slug, len(created), rental.hire_paid, rental.deposit_held)
    return rental


def pick_up(rental, *, at=None):
    at = at or timezone.now()
    updated = Rental.objects.filter(pk=rental.pk, status=Rental.Status.BOOKED).update(
        status=Rental.Status.OUT, picked_up_at=at, updated_at=timezone.now())
    if not updated:
        raise BookingError(f"rental {rental.pk} is not waiting for pick-up")
    rental.refresh_from_db()
    return rental

