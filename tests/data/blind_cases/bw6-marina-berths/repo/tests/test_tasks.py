from datetime import timedelta

import pytest
from django.core import mail

from berths.models import Stay, WaitlistEntry
from berths.services import StayBooker, StayRequest
from berths.tasks import promote_waitlist, send_arrival_reminders, send_stay_confirmation

pytestmark = pytest.mark.django_db(databases="__all__")


def test_confirmation_email(berths, make_boat, today):
    boat = make_boat()
    stay = Stay.objects.create(
        boat_id=boat.pk, boat_name=boat.name, owner_name="Femke de Vries", owner_email="femke@example.nl",
        berth=berths["M-01"], arrival=today + timedelta(days=4), departure=today + timedelta(days=6),
        nightly_rate=berths["M-01"].nightly_rate, total=76, special_requests="arriving late, after 22:00",
    )
    mail.outbox.clear()

    assert send_stay_confirmation(stay.pk) == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["femke@example.nl"]
    assert "Berth:     M-01" in mail.outbox[0].body
    assert "after 22:00" in mail.outbox[0].body
    assert send_stay_confirmation(stay.pk) == "already-sent"


def test_confirmation_skips_cancelled_stays(berths, make_boat, today):
    booker = StayBooker()
    stay = booker.book(StayRequest(make_boat(), today + timedelta(days=4), today + timedelta(days=6)))
    booker.cancel(stay, "double booking")
    assert send_stay_confirmation(stay.pk) == "cancelled"


def test_arrival_reminders_go_out_once(berths, make_boat, today):
    StayBooker().book(StayRequest(make_boat(), today + timedelta(days=1), today + timedelta(days=3)))
    mail.outbox.clear()
    assert send_arrival_reminders() == 1
    assert send_arrival_reminders() == 0
    assert "arrives tomorrow" in mail.outbox[0].body


def test_waitlist_entry_is_promoted_when_a_berth_frees_up(berths, make_boat, today):
    start, end = today + timedelta(days=14), today + timedelta(days=16)
    booker = StayBooker()
    blocking = [booker.book(StayRequest(make_boat(name), start, end)) for name in ("Zeemeeuw", "Pip")]
    waiting_boat = make_boat("Moos")
    entry = WaitlistEntry.objects.create(
        boat_id=waiting_boat.pk, boat_name="Moos", owner_email="femke@example.nl", arrival=start, departure=end,
    )
    assert promote_waitlist() == 0

    booker.cancel(blocking[0], "plans changed")
    assert promote_waitlist() == 1
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.PROMOTED
    assert entry.promoted_stay.source == Stay.Source.WAITLIST
    assert entry.promoted_stay.berth.code == blocking[0].berth.code


def test_waitlist_entry_too_close_expires(berths, make_boat, today):
    boat = make_boat()
    WaitlistEntry.objects.create(boat_id=boat.pk, boat_name=boat.name, owner_email="femke@example.nl",
                                 arrival=today, departure=today + timedelta(days=2))
    assert promote_waitlist() == 0
    assert WaitlistEntry.objects.get().status == WaitlistEntry.Status.EXPIRED
