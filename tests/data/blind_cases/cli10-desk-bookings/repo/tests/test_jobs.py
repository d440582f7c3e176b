from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bookings import tasks
from bookings.models import Booking, BookingAdjustment


@pytest.mark.django_db
def test_close_stale_requests(ruben, hot_desk, book, adjust):
    b = book(ruben, hot_desk, timezone.now() - timedelta(days=20))
    old = adjust(b, BookingAdjustment.Kind.WAIVER, BookingAdjustment.Status.REQUESTED)
    BookingAdjustment.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=15))
    fresh = adjust(b, BookingAdjustment.Kind.DISCOUNT, BookingAdjustment.Status.REQUESTED, percent=10)

    out = StringIO()
    call_command("close_stale_requests", "--dry-run", stdout=out)
    assert "would reject 1 request(s)" in out.getvalue()

    call_command("close_stale_requests", stdout=StringIO())
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == BookingAdjustment.Status.REJECTED
    assert old.decided_by.startswith("auto")
    assert fresh.status == BookingAdjustment.Status.REQUESTED


@pytest.mark.django_db
def test_mark_no_shows(ruben, hot_desk, book):
    now = timezone.now()
    missed = book(ruben, hot_desk, now - timedelta(hours=5), hours=2)
    attended = book(ruben, hot_desk, now - timedelta(hours=9), hours=2)
    Booking.objects.filter(pk=attended.pk).update(checked_in_at=now - timedelta(hours=9))
    running = book(ruben, hot_desk, now - timedelta(hours=1), hours=2)

    assert tasks.mark_no_shows.delay().get() == 1
    assert Booking.objects.get(pk=missed.pk).status == Booking.Status.NO_SHOW
    assert Booking.objects.get(pk=attended.pk).status == Booking.Status.CONFIRMED
    assert Booking.objects.get(pk=running.pk).status == Booking.Status.CONFIRMED


@pytest.mark.django_db
def test_pending_digest(ruben, hot_desk, book, adjust):
    b = book(ruben, hot_desk, timezone.now() - timedelta(days=2))
    adjust(b, BookingAdjustment.Kind.WAIVER, BookingAdjustment.Status.REQUESTED, reason="wifi down")
    adjust(b, BookingAdjustment.Kind.DISCOUNT, BookingAdjustment.Status.REJECTED, percent=10)

    tasks.send_pending_adjustments_digest.delay()

    assert len(mail.outbox) == 1
    assert "1 booking adjustment request(s)" in mail.outbox[0].subject
    assert "wifi down" in mail.outbox[0].body
