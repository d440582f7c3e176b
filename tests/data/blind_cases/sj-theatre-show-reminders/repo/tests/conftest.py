from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from boxoffice.models import Booking, Patron
from programme.models import Performance, Production, Venue

LONDON = ZoneInfo("Europe/London")


def local(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def main_house(db):
    return Venue.objects.create(code="MAIN", name="Main House", capacity=40)


@pytest.fixture
def performance(main_house):
    production = Production.objects.create(title="The Cherry Orchard", company="Lyceum Rep", running_time_minutes=165)

    def _make(starts_at, **kwargs):
        return Performance.objects.create(production=production, venue=main_house, starts_at=starts_at, **kwargs)
    return _make


@pytest.fixture
def book(db):
    counter = {"n": 0}

    def _book(performance, seats="F12,F13", status=Booking.Status.CONFIRMED, email=None):
        counter["n"] += 1
        n = counter["n"]
        patron = Patron.objects.create(name=f"Patron {n}", email=f"patron{n}@example.co.uk" if email is None else email)
        return Booking.objects.create(reference=f"LY{n:06d}", patron=patron, performance=performance, seats=seats,
                                      status=status)
    return _book
