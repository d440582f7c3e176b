"""Booking pilots for arriving ships."""
from datetime import timedelta
from functools import partial

from django.db import transaction

from pilots.models import Pilot

from .models import PilotBooking
from .tasks import cancel_boarding_request, send_boarding_request

# A pilot job (boarding, transit, disembarking, getting back) takes about this long.
PILOT_BUSY_WINDOW = timedelta(hours=3)


class BookingError(Exception):
    pass


class NoPilotAvailable(BookingError):
    pass


def available_pilots(arrival, boarding_time=None):
    """On-roster pilots licensed for the ship and free around the boarding time.

    The least senior pilot that may take the ship comes first, so grade A
    pilots stay free for the big ships.
    """
    boarding_time = boarding_time or arrival.boarding_time
    busy = PilotBooking.objects.filter(
        status=PilotBooking.Status.BOOKED,
        boarding_time__gt=boarding_time - PILOT_BUSY_WINDOW,
        boarding_time__lt=boarding_time + PILOT_BUSY_WINDOW,
    ).values("pilot_id")
    candidates = Pilot.objects.filter(on_roster=True).exclude(pk__in=busy).order_by("-grade", "name")
    return [pilot for pilot in candidates if pilot.may_handle(arrival.length_overall)]


def book_pilot(arrival, pilot=None):
    """Book a pilot for an arrival and tell VTS (asynchronously, after commit)."""
    if arrival.bookings.filter(status=PilotBooking.Status.BOOKED).exists():
        raise BookingError(f"{arrival.vessel_name} already has a pilot booked")
    boarding_time = arrival.boarding_time
    with transaction.atomic():
        if pilot is None:
            pilots = available_pilots(arrival, boarding_time)
            if not pilots:
                raise NoPilotAvailable(f"no pilot free for {arrival.vessel_name} at {boarding_time:%H:%M}")
            pilot = pilots[0]
        elif not pilot.may_handle(arrival.length_overall):
            raise BookingError(f"{pilot.name} is not licensed for a {arrival.length_overall} m ship")
        booking = PilotBooking.objects.create(arrival=arrival, pilot=pilot, boarding_time=boarding_time)
        transaction.on_commit(partial(send_boarding_request.send, booking.pk))
    return booking


def cancel_booking(booking):
    if booking.status != PilotBooking.Status.BOOKED:
        raise BookingError(f"{booking.reference} is {booking.status}")
    with transaction.atomic():
        booking.status = PilotBooking.Status.CANCELLED
        booking.save(update_fields=["status"])
        if booking.port_request_id:
            transaction.on_commit(partial(cancel_boarding_request.send, booking.pk))
    return booking


def complete_booking(booking):
    if booking.status != PilotBooking.Status.BOOKED:
        raise BookingError(f"{booking.reference} is {booking.status}")
    booking.status = PilotBooking.Status.COMPLETED
    booking.save(update_fields=["status"])
    return booking
