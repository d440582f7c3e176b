"""Booking rules: holding a place, confirming, cancelling, check-in and closures."""
import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from facilities.models import Closure

from . import notifications
from .models import Booking, LaneSlot

logger = logging.getLogger(__name__)


class BookingError(Exception):
    pass


def hold_place(slot, card_number, name, email, now=None):
    """Reserve a place for a few minutes while the member confirms."""
    now = now or timezone.now()
    horizon = now + timedelta(days=settings.LANE_BOOKING_HORIZON_DAYS + 1)
    with transaction.atomic():
        slot = LaneSlot.objects.select_for_update().get(pk=slot.pk)
        if slot.status != LaneSlot.Status.OPEN:
            raise BookingError("this session has been cancelled")
        if slot.starts_at <= now:
            raise BookingError("this session has already started")
        if slot.starts_at > horizon:
            raise BookingError("bookings for this session are not open yet")
        if slot.places_left() <= 0:
            raise BookingError("this lane is full")
        same_day = Booking.objects.filter(card_number=card_number, slot__date=slot.date, status__in=Booking.ACTIVE)
        if same_day.count() >= settings.MAX_BOOKINGS_PER_CARD_PER_DAY:
            raise BookingError("you already have a booking on this day")
        return Booking.objects.create(
            slot=slot, card_number=card_number, name=name, email=email, created_at=now,
            hold_expires_at=now + timedelta(minutes=settings.BOOKING_HOLD_MINUTES),
        )


def confirm(booking, now=None):
    now = now or timezone.now()
    if booking.status != Booking.Status.HELD:
        raise BookingError(f"booking is {booking.status}")
    if booking.hold_expires_at and booking.hold_expires_at < now:
        raise BookingError("your hold has expired, please book again")
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = now
    booking.save(update_fields=["status", "confirmed_at"])
    notifications.send_confirmation(booking)
    return booking


def cancel(booking):
    if booking.status not in (Booking.Status.HELD, Booking.Status.CONFIRMED):
        raise BookingError(f"booking is {booking.status}")
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status"])
    return booking


def check_in(card_number, now=None):
    """Front desk scan: check the card in for the booking that is about to start (or running)."""
    now = now or timezone.now()
    opens = now + timedelta(minutes=settings.CHECK_IN_OPENS_MINUTES)
    booking = (
        Booking.objects.filter(card_number=card_number, status=Booking.Status.CONFIRMED,
                               slot__starts_at__lte=opens, slot__ends_at__gt=now)
        .select_related("slot")
        .first()
    )
    if booking is None:
        raise BookingError("no booking to check in for this card right now")
    booking.status = Booking.Status.CHECKED_IN
    booking.checked_in_at = now
    booking.save(update_fields=["status", "checked_in_at"])
    return booking


def close_pool(pool, starts_on, ends_on, reason):
    """Record a closure and cancel the slots already generated for those days, telling whoever booked."""
    closure = Closure.objects.create(pool=pool, starts_on=starts_on, ends_on=ends_on, reason=reason)
    window_start = timezone.make_aware(datetime.combine(starts_on, time.min))
    window_end = timezone.make_aware(datetime.combine(ends_on + timedelta(days=1), time.min))
    slots = LaneSlot.objects.filter(lane__pool=pool, status=LaneSlot.Status.OPEN,
                                    starts_at__gte=window_start, starts_at__lt=window_end)
    notified = 0
    with transaction.atomic():
        for slot in slots.select_related("entry", "lane"):
            slot.status = LaneSlot.Status.CANCELLED
            slot.cancel_reason = reason
            slot.save(update_fields=["status", "cancel_reason"])
            for booking in slot.bookings.filter(status__in=[Booking.Status.HELD, Booking.Status.CONFIRMED]):
                booking.status = Booking.Status.CANCELLED
                booking.save(update_fields=["status"])
                if booking.confirmed_at:
                    notifications.send_cancellation(booking, reason)
                    notified += 1
    logger.info("closure %s: cancelled slots, notified %d members", closure, notified)
    return closure, notified
