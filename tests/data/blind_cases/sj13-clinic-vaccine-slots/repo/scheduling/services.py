"""Turning opening hours into bookable slots, and booking them."""
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction

from .models import Booking, Slot

logger = logging.getLogger(__name__)


class BookingError(Exception):
    pass


@dataclass
class PublishResult:
    clinic: str
    day: date
    offered: int
    created: int


def slot_times(clinic, day):
    """Start and end of every slot ``clinic`` offers on ``day``, in order.

    Each opening session is cut into ``clinic.slot_minutes`` slots; a last piece that is
    shorter than a slot is not offered.
    """
    length = timedelta(minutes=clinic.slot_minutes)
    times = []
    for session in clinic.sessions_on(day):
        start = datetime.combine(day, session.opens)
        closes = datetime.combine(day, session.closes)
        while start + length <= closes:
            times.append((start, start + length))
            start += length
    return times


def publish_slots_for_day(clinic, day):
    """Create the slots of ``clinic`` for ``day``.

    Safe to run again for the same day: slots that already exist are left alone, as
    people may already be booked into them.
    """
    times = slot_times(clinic, day)
    slots = [Slot(clinic=clinic, starts_at=start, ends_at=end, capacity=clinic.vaccinators)
             for start, end in times]
    with transaction.atomic():
        before = Slot.objects.filter(clinic=clinic).count()
        Slot.objects.bulk_create(slots, ignore_conflicts=True)
        created = Slot.objects.filter(clinic=clinic).count() - before
    return PublishResult(clinic=clinic.code, day=day, offered=len(times), created=created)


def withdraw_unbooked(slots):
    """Hide slots nobody is booked into (used when a closure is added after publishing)."""
    booked = Booking.objects.filter(status=Booking.Status.BOOKED).values("slot_id")
    return slots.exclude(pk__in=booked).update(withdrawn=True)


def book_slot(slot_id, *, full_name, sns_number, vaccine, phone=""):
    with transaction.atomic():
        slot = Slot.objects.select_for_update().select_related("clinic").get(pk=slot_id)
        if slot.withdrawn:
            raise BookingError("This slot is no longer available.")
        if slot.free_places() <= 0:
            raise BookingError("This slot is full.")
        if Booking.objects.filter(sns_number=sns_number, vaccine=vaccine, status=Booking.Status.BOOKED,
                                  slot__starts_at__date=slot.starts_at.date()).exists():
            raise BookingError("You already have a booking for this vaccine on that day.")
        return Booking.objects.create(slot=slot, full_name=full_name, sns_number=sns_number,
                                      vaccine=vaccine, phone=phone)
