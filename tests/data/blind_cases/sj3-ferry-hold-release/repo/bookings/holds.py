"""Seat holds from the web checkout.

A checkout creates a HELD booking that takes space on the sailing for
SEAT_HOLD_MINUTES. Paying confirms it; otherwise the hold expires and the
release job frees it and tells the customer.
"""
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from fleet.models import Sailing

from .models import Booking, space_taken

logger = logging.getLogger(__name__)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class NoSpace(Exception):
    pass


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def hold_space(sailing, *, lead_name, email, passengers=1, vehicles=0, vehicle_plate="", now=None):
    now = now or timezone.now()
    with transaction.atomic():
        sailing = Sailing.objects.select_for_update().select_related("vessel").get(pk=sailing.pk)
        if sailing.status != Sailing.Status.SCHEDULED and sailing.status != Sailing.Status.DELAYED:
            raise NoSpace(f"sailing {sailing} is {sailing.status}")
        pax, cars = space_taken(sailing, now)
        if pax + passengers > sailing.vessel.passenger_capacity:
            raise NoSpace("not enough passenger seats")
        if cars + vehicles > sailing.vessel.vehicle_capacity:
            raise NoSpace("not enough vehicle deck space")
        return Booking.objects.create(
            reference=new_reference(), sailing=sailing, lead_name=lead_name, email=email,
            passengers=passengers, vehicles=vehicles, vehicle_plate=vehicle_plate,
            status=Booking.Status.HELD, hold_expires_at=now + timedelta(minutes=settings.SEAT_HOLD_MINUTES),
        )


def confirm(booking, now=None):
    now = now or timezone.now()
    if booking.status != Booking.Status.HELD or booking.hold_expires_at <= now:
        raise NoSpace(f"hold {booking.reference} has expired")
    booking.status = Booking.Status.CONFIRMED
    booking.hold_expires_at = None
    booking.save(update_fields=["status", "hold_expires_at"])
    return booking


def _release_message(booking):
    sailing = booking.sailing
    local = timezone.localtime(sailing.departs_at)
    return (
        f"Hello {booking.lead_name},\n\n"
        f"We did not receive payment for booking {booking.reference} on the {local:%a %d %b %H:%M} "
        f"sailing {sailing.route}, so the space we were holding has been released.\n\n"
        "You can book again at https://tidewater.example/book\n"
    )


def release_expired_holds(now=None):
    """Release every hold that expired before `now` and email its customer. Returns the count."""
    now = now or timezone.now()
    expired = (
        Booking.objects.filter(status=Booking.Status.HELD, hold_expires_at__lte=now)
        .select_related("sailing__route__origin", "sailing__route__destination")
        .order_by("hold_expires_at")
    )
    released = 0
    for booking in expired:
        booking.status = Booking.Status.RELEASED
        booking.released_at = now
        booking.save(update_fields=["status", "released_at"])
        send_mail(f"Booking {booking.reference} released", _release_message(booking),
                  settings.DEFAULT_FROM_EMAIL, [booking.email])
        released += 1
    if released:
        logger.info("released %d expired hold(s)", released)
    return released
