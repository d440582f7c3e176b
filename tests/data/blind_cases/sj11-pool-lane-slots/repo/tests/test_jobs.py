from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from bookings import jobs, services
from bookings.models import Booking
from bookings.tasks import send_occupancy_report

from .conftest import local

DAY = date(2024, 10, 27)   # the Sunday the clocks go back


def confirmed(slot, card, now):
    booking = services.hold_place(slot, card, f"Member {card}", f"{card.lower()}@example.nl", now=now)
    return services.confirm(booking, now=now)


@pytest.mark.django_db
def test_reminders_go_out_for_tomorrow_only(make_slot):
    now = local(DAY - timedelta(days=1), 18, 0)
    early = confirmed(make_slot(DAY, 0, 30), "K-1", now)
    late = confirmed(make_slot(DAY, 23, 30, lane=2), "K-2", now)
    day_after = confirmed(make_slot(DAY + timedelta(days=1), 6, 30, lane=3), "K-3", now)
    mail.outbox.clear()

    assert jobs.send_booking_reminders(now=now) == 2
    assert jobs.send_booking_reminders(now=now + timedelta(hours=1)) == 0
    assert {m.to[0] for m in mail.outbox} == {early.email, late.email}
    day_after.refresh_from_db()
    assert day_after.reminded_at is None


@pytest.mark.django_db
def test_no_shows_and_expired_holds(make_slot):
    slot = make_slot(DAY, 8, 0)
    booked_at = local(DAY - timedelta(days=1), 12, 0)
    absent = confirmed(slot, "K-7", booked_at)
    held = services.hold_place(make_slot(DAY, 8, 0, lane=2), "K-8", "H", "h@example.nl", now=booked_at)

    assert jobs.release_expired_holds(now=booked_at + timedelta(minutes=11)) == 1
    assert jobs.mark_no_shows(now=local(DAY, 8, 10)) == 0
    assert jobs.mark_no_shows(now=local(DAY, 8, 20)) == 1
    absent.refresh_from_db()
    held.refresh_from_db()
    assert (absent.status, held.status) == (Booking.Status.NO_SHOW, Booking.Status.EXPIRED)


@pytest.mark.django_db
def test_occupancy_report(make_slot):
    booked_at = local(DAY - timedelta(days=1), 12, 0)
    slot = make_slot(DAY, 8, 0, capacity=8)
    confirmed(slot, "K-9", booked_at)
    services.check_in("K-9", now=local(DAY, 7, 55))
    confirmed(make_slot(DAY, 8, 0, lane=2, capacity=8), "K-10", booked_at)

    out = StringIO()
    call_command("occupancy_report", "--date", DAY.isoformat(), stdout=out)
    assert "08:00 Lane swim" in out.getvalue()
    assert "booked   2/16  checked in   1" in out.getvalue()

    mail.outbox.clear()
    send_occupancy_report.delay()
    assert len(mail.outbox) == 1
