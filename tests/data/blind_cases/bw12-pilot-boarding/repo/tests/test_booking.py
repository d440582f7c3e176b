from datetime import timedelta

import pytest

from boarding.models import PilotBooking
from boarding.services import BookingError, NoPilotAvailable, book_pilot, cancel_booking
from boarding.tasks import send_boarding_request

from .conftest import NOW


@pytest.mark.django_db
def test_least_senior_licensed_pilot_is_booked(pilots, make_arrival):
    small = book_pilot(make_arrival(vessel_name="RIJNDELTA", imo="9187057", loa="135.00"))
    big = book_pilot(make_arrival(loa="366.00", imo="9632179", vessel_name="MSC OSCAR"))
    assert small.pilot == pilots["jansen"]
    assert big.pilot == pilots["de_vries"]
    assert small.boarding_time == small.arrival.eta - timedelta(minutes=45)


@pytest.mark.django_db
def test_busy_pilots_are_skipped(pilots, make_arrival):
    book_pilot(make_arrival(imo="9632179", loa="240.00", eta=NOW + timedelta(hours=6)))
    second = book_pilot(make_arrival(imo="9458080", loa="240.00", eta=NOW + timedelta(hours=7)))
    assert second.pilot == pilots["de_vries"]
    with pytest.raises(NoPilotAvailable):
        book_pilot(make_arrival(imo="9187057", loa="240.00", eta=NOW + timedelta(hours=8)))


@pytest.mark.django_db
def test_explicit_pilot_must_hold_the_right_grade(pilots, make_arrival):
    with pytest.raises(BookingError):
        book_pilot(make_arrival(loa="260.00"), pilot=pilots["bakker"])


@pytest.mark.django_db
def test_booking_reference_per_boarding_day(pilots, make_arrival):
    first = book_pilot(make_arrival(imo="9632179", loa="120.00"))
    second = book_pilot(make_arrival(imo="9187057", loa="120.00", eta=NOW + timedelta(hours=9)))
    assert first.reference == "PB-240514-001"
    assert second.reference == "PB-240514-002"


@pytest.mark.django_db
def test_boarding_request_is_queued_after_commit(pilots, make_arrival, stub_broker,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book_pilot(make_arrival())
    queue = stub_broker.queues[send_boarding_request.queue_name]
    assert queue.qsize() == 1
    assert booking.port_status == PilotBooking.PortStatus.NOT_SENT


@pytest.mark.django_db
def test_cancel_only_notifies_vts_when_registered(pilots, make_arrival, stub_broker,
                                                  django_capture_on_commit_callbacks):
    booking = book_pilot(make_arrival())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cancel_booking(booking)
    assert callbacks == []
    assert booking.status == PilotBooking.Status.CANCELLED
    with pytest.raises(BookingError):
        cancel_booking(booking)
