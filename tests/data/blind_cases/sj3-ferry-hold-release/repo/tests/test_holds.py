from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from bookings.holds import NoSpace, confirm, hold_space, release_expired_holds
from bookings.jobs import release_holds_job
from bookings.models import Booking

from .conftest import NOW


@pytest.mark.django_db
def test_hold_takes_space_until_it_expires(make_sailing):
    sailing = make_sailing(NOW + timedelta(days=1))
    hold_space(sailing, lead_name="A", email="a@example.com", passengers=8, now=NOW)
    with pytest.raises(NoSpace):
        hold_space(sailing, lead_name="B", email="b@example.com", passengers=3, now=NOW + timedelta(minutes=5))
    hold_space(sailing, lead_name="B", email="b@example.com", passengers=3, now=NOW + timedelta(minutes=21))


@pytest.mark.django_db
def test_confirm_rejects_expired_hold(make_sailing):
    sailing = make_sailing(NOW + timedelta(days=1))
    booking = hold_space(sailing, lead_name="A", email="a@example.com", now=NOW)
    with pytest.raises(NoSpace):
        confirm(booking, now=NOW + timedelta(minutes=30))
    confirm(hold_space(sailing, lead_name="C", email="c@example.com", now=NOW), now=NOW + timedelta(minutes=3))


@pytest.mark.django_db
def test_release_expired_holds_emails_customers(make_sailing):
    sailing = make_sailing(NOW + timedelta(days=1))
    expired = hold_space(sailing, lead_name="A", email="a@example.com", now=NOW - timedelta(hours=1))
    fresh = hold_space(sailing, lead_name="B", email="b@example.com", now=NOW)

    assert release_expired_holds(now=NOW) == 1

    expired.refresh_from_db()
    fresh.refresh_from_db()
    assert expired.status == Booking.Status.RELEASED
    assert fresh.status == Booking.Status.HELD
    assert [m.to for m in mail.outbox] == [["a@example.com"]]
    assert expired.reference in mail.outbox[0].subject


@pytest.mark.django_db
def test_release_job_runs_and_can_run_again(make_sailing):
    sailing = make_sailing(NOW + timedelta(days=1))
    hold_space(sailing, lead_name="A", email="a@example.com", now=NOW - timedelta(hours=1))

    assert release_holds_job(now=NOW) == 1
    assert release_holds_job(now=NOW) == 0


@pytest.mark.django_db
def test_run_job_command(make_sailing):
    from io import StringIO
    sailing = make_sailing(NOW + timedelta(days=1))
    hold_space(sailing, lead_name="A", email="a@example.com", now=NOW - timedelta(hours=1))
    out = StringIO()
    call_command("run_job", "release_holds", "--at", "2024-06-11T09:00:00-07:00", stdout=out)
    assert out.getvalue().strip() == "release_holds: 1"
