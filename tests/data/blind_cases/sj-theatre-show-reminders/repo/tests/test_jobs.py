from datetime import timedelta

import pytest
from django.core import mail

from boxoffice.jobs import release_unpaid_holds, send_pre_show_reminders, send_waitlist_offers
from boxoffice.models import Booking, WaitlistEntry
from tests.conftest import local

NOW = local(2024, 10, 11, 10, 0)


@pytest.mark.django_db
def test_reminder_goes_to_tomorrows_confirmed_bookings(performance, book):
    tomorrow = performance(local(2024, 10, 12, 19, 30), notes="Captioned performance")
    later = performance(local(2024, 10, 13, 14, 30))
    a = book(tomorrow)
    book(tomorrow, status=Booking.Status.CANCELLED)
    book(tomorrow, email="")
    book(later)

    assert send_pre_show_reminders(now=NOW) == 1
    assert [m.to for m in mail.outbox] == [[a.patron.email]]
    body = mail.outbox[0].body
    assert "Saturday 12 October, curtain up 19:30 (doors 18:45)" in body
    assert "F12, F13" in body and "Captioned performance" in body


@pytest.mark.django_db
def test_no_reminder_for_cancelled_performance(performance, book):
    book(performance(local(2024, 10, 12, 19, 30), cancelled=True))
    assert send_pre_show_reminders(now=NOW) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_release_unpaid_holds_once(performance, book):
    held = book(performance(local(2024, 10, 12, 19, 30)), status=Booking.Status.HELD)
    book(performance(local(2024, 10, 20, 19, 30)), status=Booking.Status.HELD)
    assert release_unpaid_holds(now=NOW) == 1
    assert release_unpaid_holds(now=NOW) == 0
    held.refresh_from_db()
    assert held.status == Booking.Status.RELEASED
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_waitlist_offer_sent_once(performance, book, main_house):
    perf = performance(local(2024, 10, 18, 19, 30))
    entry = WaitlistEntry.objects.create(patron=book(perf).patron, performance=perf, seats_wanted=2)
    assert send_waitlist_offers(now=NOW) == 1
    assert send_waitlist_offers(now=NOW + timedelta(hours=1)) == 0
    entry.refresh_from_db()
    assert entry.offered_at == NOW
    assert len(mail.outbox) == 1
