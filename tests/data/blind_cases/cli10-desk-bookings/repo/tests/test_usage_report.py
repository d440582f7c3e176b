import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bookings.models import Booking, BookingAdjustment
from tests.conftest import local


def report(*args):
    out = StringIO()
    call_command("usage_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def march(ruben, sanne, hot_desk, room, book, adjust):
    book(ruben, hot_desk, local(2026, 3, 2, 9))
    b = book(ruben, hot_desk, local(2026, 3, 3, 9), hours=4)
    adjust(b, BookingAdjustment.Kind.WAIVER, BookingAdjustment.Status.APPROVED)
    book(ruben, room, local(2026, 3, 31, 16), hours=2, status=Booking.Status.NO_SHOW)
    book(sanne, room, local(2026, 3, 31, 9), hours=1, status=Booking.Status.CANCELLED)
    book(sanne, room, local(2026, 4, 1, 9), hours=1)


@pytest.mark.django_db
def test_csv_month(march):
    rows = list(csv.reader(StringIO(report("--month", "2026-03", "--format", "csv"))))
    assert rows[0][0] == "company"
    assert rows[1:] == [["Acme Design BV", "3", "14.00", "12.00", "0.00", "0.00", "2.00", "1", "1"]]


@pytest.mark.django_db
def test_until_is_inclusive(march):
    rows = list(csv.reader(StringIO(report("--since", "2026-03-31", "--until", "2026-04-01", "--format", "csv"))))
    assert {r[0]: r[1] for r in rows[1:]} == {"Acme Design BV": "1", "Sanne van den Berg": "1"}


@pytest.mark.django_db
def test_location_filter(march):
    text = report("--month", "2026-03", "--location", "ams1")
    assert "Usage 2026-03 at AMS1" in text
    assert "12.00" in text


@pytest.mark.django_db
def test_month_and_range_conflict(db):
    with pytest.raises(CommandError):
        report("--month", "2026-03", "--since", "2026-03-01")
