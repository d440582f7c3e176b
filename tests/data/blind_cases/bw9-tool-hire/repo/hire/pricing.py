"""Hire prices and late fees.

Everything here is pure arithmetic on a rental and some instants; nothing is
saved. Calendar days are the branch's local days (settings.TIME_ZONE).
"""
import math
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

CENT = Decimal("0.01")


def money(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def local_date(instant: datetime) -> date:
    return timezone.localtime(instant).date()


def hire_days(pickup_at: datetime, due_at: datetime) -> int:
    """Days charged for a booking: every started 24 hours, at least one."""
    if due_at <= pickup_at:
        raise ValueError("a hire must end after it starts")
    return max(1, math.ceil((due_at - pickup_at) / timedelta(days=1)))


def daily_rate(lines) -> Decimal:
    """What all the lines of a rental cost for one day."""
    return money(sum((line.day_rate * line.quantity for line in lines), Decimal("0")))


def hire_charge(lines, pickup_at, due_at, discount_percent=0) -> Decimal:
    gross = daily_rate(lines) * hire_days(pickup_at, due_at)
    if discount_percent:
        gross = gross * (Decimal(100) - Decimal(discount_percent)) / Decimal(100)
    return money(gross)


def deposit_for(lines) -> Decimal:
    return money(sum((line.tool.deposit * line.quantity for line in lines), Decimal("0")))


def is_late(due_at: datetime, returned_at: datetime) -> bool:
    return returned_at > due_at + timedelta(minutes=settings.LATE_GRACE_MINUTES)


def late_days(due_at: datetime, returned_at: datetime) -> list[date]:
    """The local calendar days a late rental is charged for.

    Every day after the due date up to and including the day the tools came
    back, except days the branch is closed. A rental that is back within the
    grace period, or later on its due date, is not charged.
    """
    if not is_late(due_at, returned_at):
        return []
    first = local_date(due_at) + timedelta(days=1)
    last = local_date(returned_at)
    days = []
    day = first
    while day <= last:
        if day.weekday() not in settings.BRANCH_CLOSED_WEEKDAYS:
            days.append(day)
        day += timedelta(days=1)
    return days


def late_day_charges(rental, returned_at: datetime) -> dict[date, Decimal]:
    """Late fee per chargeable day, in date order: one full day's hire each."""
    rate = daily_rate(rental.lines.all())
    return {day: rate for day in late_days(rental.due_at, returned_at)}

