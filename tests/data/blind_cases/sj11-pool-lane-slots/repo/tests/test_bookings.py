from datetime import date, datetime, timedelta, timezone as dt_timezone
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from bookings import services
from bookings.models import Booking, LaneSlot

from .conftest import local

DAY = date(2024, 11, 12)
NOW = local(DAY - timedelta(days=1), 20, 0)


@pytest.mark.django_db
def test_hold_and_confirm_sends_confirmation(make_slot):
    slot = make_slot(DAY, 6, 30)
    booking = services.hold_place(slot, "K-10021", "Anne de Vries", "anne@example.nl", now=NOW)
    services.confirm(booking, now=NOW + timedelta(minutes=2))

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert len(mail.outbox) == 1
    assert "Tuesday 12 November from 06:30 to 08:00" in mail.outbox[0].body


@pytest.mark.django_db
def test_full_lane_and_one_booking_per_day(make_slot):
    slot = make_slot(DAY, 12, 0, capacity=1)
    services.hold_place(slot, "K-1", "A", "a@example.nl", now=NOW)
    with pytest.raises(services.BookingError, match="full"):
        services.hold_place(slot, "K-2", "B", "b@example.nl", now=NOW)
    other = make_slot(DAY, 19, 0, lane=2)
    with pytest.raises(services.BookingError, match="already have a booking"):
        services.hold_place(other, "K-1", "A", "a@example.nl", now=NOW)


@pytest.mark.django_db
def test_expired_hold_cannot_be_confirmed(make_slot):
    booking = services.hold_place(make_slot(DAY), "K-3", "C", "c@example.nl", now=NOW)
    with pytest.raises(services.BookingError, match="expired"):
        services.confirm(booking, now=NOW + timedelta(minutes=30))


@pytest.mark.django_db
def test_check_in_window(make_slot):
    slot = make_slot(DAY, 6, 30)
    booking = services.hold_place(slot, "K-4", "D", "d@example.nl", now=NOW)
    services.confirm(booking, now=NOW)
    with pytest.raises(services.BookingError):
        services.check_in("K-4", now=local(DAY, 6, 0))
    checked = services.check_in("K-4", now=local(DAY, 6, 20))
    assert checked.status == Booking.Status.CHECKED_IN


@pytest.mark.django_db
def test_close_pool_cancels_slots_and_notifies(pool, make_slot):
    closed = make_slot(date(2024, 12, 25), 8, 0)
    late_evening = make_slot(date(2024, 12, 25), 23, 30, minutes=30, lane=2)
    boxing_day_after = make_slot(date(2024, 12, 26), 0, 30, lane=3)
    booking = services.hold_place(closed, "K-5", "E", "e@example.nl", now=local(date(2024, 12, 20), 9))
    services.confirm(booking, now=local(date(2024, 12, 20), 9))
    mail.outbox.clear()

    call_command("close_pool", "kolk", "--from", "2024-12-25", "--reason", "Christmas", stdout=StringIO())

    statuses = dict(LaneSlot.objects.values_list("pk", "status"))
    assert statuses[closed.pk] == LaneSlot.Status.CANCELLED
    assert statuses[late_evening.pk] == LaneSlot.Status.CANCELLED
    assert statuses[boxing_day_after.pk] == LaneSlot.Status.OPEN
    assert len(mail.outbox) == 1 and "Christmas" in mail.outbox[0].body
