"""Acceptance tests: a release_holds run that fails (e.g. SMTP outage) must not
stop later runs from releasing expired holds, while two runs still never
overlap."""
import smtplib
from datetime import datetime, timedelta, timezone as dt_timezone
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from bookings.holds import hold_space
from bookings.models import Booking
from fleet.models import Port, Route, Sailing, Vessel

NOW = datetime(2024, 6, 11, 16, 0, tzinfo=dt_timezone.utc)


class DownSmtpBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class ReentrantBackend(BaseEmailBackend):
    """Delivers to mail.outbox; while the first message is being sent, a second
    run of the job starts (as if the scheduler and a manual run_job overlapped)."""
    nested_outputs = []

    def send_messages(self, messages):
        if not ReentrantBackend.nested_outputs:
            out = StringIO()
            ReentrantBackend.nested_outputs.append(out)
            call_command("run_job", "release_holds", stdout=out)
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def sailing(db):
    hsb = Port.objects.create(code="HSB", name="Horseshoe Bay")
    nan = Port.objects.create(code="NAN", name="Departure Bay")
    route = Route.objects.create(code="HSB-NAN", origin=hsb, destination=nan, crossing_minutes=100)
    vessel = Vessel.objects.create(name="Coastal Heron", passenger_capacity=50, vehicle_capacity=20)
    return Sailing.objects.create(route=route, vessel=vessel, departs_at=NOW + timedelta(days=2))


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache
    cache.clear()
    yield
    cache.clear()


def expired_holds(sailing, n):
    return [hold_space(sailing, lead_name=f"Customer {i}", email=f"c{i}@example.com",
                       now=NOW - timedelta(hours=1, minutes=i)) for i in range(n)]


def run_release(**kwargs):
    out = StringIO()
    call_command("run_job", "release_holds", stdout=out, **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_next_run_after_a_failed_run_releases_remaining_holds(sailing, settings):
    holds = expired_holds(sailing, 3)

    settings.EMAIL_BACKEND = f"{__name__}.DownSmtpBackend"
    try:
        run_release()
    except Exception:
        pass

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    output = run_release()

    assert "skipped" not in output
    for booking in holds:
        booking.refresh_from_db()
        assert booking.status == Booking.Status.RELEASED, booking.reference
    assert len(mail.outbox) >= 2


@pytest.mark.django_db
def test_scheduler_job_keeps_running_after_a_crash(sailing, settings):
    from bookings.management.commands.run_scheduler import build_scheduler

    job = build_scheduler().get_job("release_holds")
    expired_holds(sailing, 1)
    settings.EMAIL_BACKEND = f"{__name__}.DownSmtpBackend"
    for _ in range(2):
        try:
            job.func()
        except Exception:
            pass

    later = hold_space(sailing, lead_name="Late", email="late@example.com", now=NOW - timedelta(minutes=30))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    job.func()

    later.refresh_from_db()
    assert later.status == Booking.Status.RELEASED
    assert ["late@example.com"] in [m.to for m in mail.outbox]


@pytest.mark.django_db
def test_overlapping_run_is_still_skipped(sailing, settings):
    expired_holds(sailing, 3)
    ReentrantBackend.nested_outputs = []
    settings.EMAIL_BACKEND = f"{__name__}.ReentrantBackend"
    mail.outbox = []

    run_release()

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["c0@example.com", "c1@example.com", "c2@example.com"]
    assert Booking.objects.filter(status=Booking.Status.RELEASED).count() == 3
