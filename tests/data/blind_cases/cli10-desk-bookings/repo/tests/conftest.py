from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bookings.models import Booking, BookingAdjustment
from spaces.models import Company, Desk, Location, Member

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args):
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def ams1(db):
    return Location.objects.create(code="AMS1", name="Oostelijke Handelskade")


@pytest.fixture
def ams2(db):
    return Location.objects.create(code="AMS2", name="De Pijp")


@pytest.fixture
def hot_desk(ams1):
    return Desk.objects.create(location=ams1, label="H-07", kind=Desk.Kind.HOT, hourly_rate=Decimal("4.50"))


@pytest.fixture
def room(ams2):
    return Desk.objects.create(location=ams2, label="Tulp", kind=Desk.Kind.ROOM, seats=8,
                               hourly_rate=Decimal("30.00"))


@pytest.fixture
def acme(db):
    return Company.objects.create(slug="acme", name="Acme Design BV", billing_email="finance@acme.example")


@pytest.fixture
def solo(db):
    return Company.objects.create(slug="vdberg", name="Sanne van den Berg", billing_email="sanne@example.nl")


@pytest.fixture
def ruben(acme, ams1):
    return Member.objects.create(company=acme, name="Ruben Smit", email="ruben@acme.example",
                                 home_location=ams1, joined_on=date(2025, 9, 1))


@pytest.fixture
def sanne(solo, ams2):
    return Member.objects.create(company=solo, name="Sanne van den Berg", email="sanne@example.nl",
                                 home_location=ams2, joined_on=date(2026, 1, 12))


@pytest.fixture
def book():
    def _book(member, desk, start, hours=8, status=Booking.Status.CONFIRMED):
        return Booking.objects.create(member=member, desk=desk, start=start, end=start + timedelta(hours=hours),
                                      status=status)
    return _book


@pytest.fixture
def adjust():
    def _adjust(booking, kind, status, percent=None, reason="front desk"):
        return BookingAdjustment.objects.create(booking=booking, kind=kind, status=status, percent=percent,
                                                reason=reason)
    return _adjust
