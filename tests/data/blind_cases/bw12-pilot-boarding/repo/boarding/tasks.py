"""Dramatiq actors talking to the port authority (queue ``port_authority``).

They are enqueued from ``boarding.services`` once the booking transaction has
committed. Failures raised here are retried by dramatiq's Retries middleware
with exponential backoff (15 s, 30 s, 1 min, ... capped at 30 min).
"""
import logging
from datetime import timedelta

import dramatiq
from django.utils import timezone

from pilotdesk.broker import broker  # noqa: F401  (must be set before declaring actors)

from .models import PilotBooking, ShipArrival
from .port_authority import PortAuthorityClient

logger = logging.getLogger(__name__)

VTS_RETRIES = {"max_retries": 12, "min_backoff": 15_000, "max_backoff": 30 * 60_000}
ETA_TOLERANCE = timedelta(minutes=10)


@dramatiq.actor(queue_name="port_authority", time_limit=120_000, **VTS_RETRIES)
def send_boarding_request(booking_id):
    booking = (
        PilotBooking.objects.select_related("arrival", "pilot").filter(pk=booking_id).first()
    )
    if booking is None:
        logger.warning("boarding request: booking %s no longer exists", booking_id)
        return
    if booking.status != PilotBooking.Status.BOOKED:
        logger.info("boarding request: %s is %s, not sending", booking.reference, booking.status)
        return
    if booking.port_request_id:
        logger.info("boarding request: %s already registered as %s", booking.reference, booking.port_request_id)
        return

    receipt = PortAuthorityClient().submit_boarding_request(booking)
    booking.port_request_id = receipt.request_id
    booking.port_status = receipt.status
    booking.port_submitted_at = timezone.now()
    booking.save(update_fields=["port_request_id", "port_status", "port_submitted_at"])
    logger.info("boarding request: %s submitted to VTS (request %s, %s)",
                booking.reference, receipt.request_id or "-", receipt.status)


@dramatiq.actor(queue_name="port_authority", time_limit=120_000, **VTS_RETRIES)
def cancel_boarding_request(booking_id):
    booking = PilotBooking.objects.filter(pk=booking_id).first()
    if booking is None or not booking.port_request_id:
        return
    if booking.port_status == PilotBooking.PortStatus.CANCELLED:
        return
    PortAuthorityClient().cancel_boarding_request(booking.port_request_id)
    booking.port_status = PilotBooking.PortStatus.CANCELLED
    booking.save(update_fields=["port_status"])
    logger.info("boarding request: %s withdrawn at VTS", booking.reference)


@dramatiq.actor(queue_name="port_authority", max_retries=3, min_backoff=60_000)
def sync_arrival_eta(arrival_id):
    """Pull the AIS-based ETA from VTS and move the boarding time if the ship is early/late."""
    arrival = ShipArrival.objects.filter(pk=arrival_id).first()
    if arrival is None or arrival.eta < timezone.now():
        return
    client = PortAuthorityClient()
    eta = client.get_vessel_eta(arrival.imo_number)
    if eta is None or abs(eta - arrival.eta) < ETA_TOLERANCE:
        return
    logger.info("%s: ETA moved from %s to %s", arrival.vessel_name, arrival.eta, eta)
    arrival.eta = eta
    arrival.save(update_fields=["eta"])
    for booking in arrival.bookings.filter(status=PilotBooking.Status.BOOKED):
        booking.boarding_time = arrival.boarding_time
        booking.save(update_fields=["boarding_time"])
        if booking.port_request_id:
            client.update_boarding_time(booking.port_request_id, booking.boarding_time)
