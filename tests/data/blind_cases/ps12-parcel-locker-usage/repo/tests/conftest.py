from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from carriers.models import Carrier
from lockers.models import Allocation, Locker, Parcel
from lockers.spark.session import get_spark

AMS = ZoneInfo("Europe/Amsterdam")
DAY = date(2024, 5, 14)


def local(*args):
    """Aware datetime in the network's local time."""
    return datetime(*args, tzinfo=AMS)


@pytest.fixture(scope="session")
def spark():
    session = get_spark()
    yield session
    session.stop()


@pytest.fixture
def lockers(db):
    return {
        "AMS-CS": Locker.objects.create(code="AMS-CS", name="Amsterdam Centraal", city="Amsterdam", compartments=60),
        "AMS-ZD": Locker.objects.create(code="AMS-ZD", name="Amsterdam Zuid", city="Amsterdam", compartments=40),
        "UTR-01": Locker.objects.create(code="UTR-01", name="Utrecht Vaartsche Rijn", city="Utrecht", compartments=30),
    }


@pytest.fixture
def make_carrier(db):
    def _make(code, allocations=None, **kwargs):
        carrier = Carrier.objects.create(code=code, name=kwargs.pop("name", f"Carrier {code}"), **kwargs)
        for locker, compartments in (allocations or {}).items():
            Allocation.objects.create(carrier=carrier, locker=locker, compartments=compartments)
        return carrier
    return _make


@pytest.fixture
def make_parcel(db):
    counter = {"n": 0}

    def _make(carrier, locker, deposited_at, collected_at=None, size=Parcel.Size.MEDIUM, **kwargs):
        counter["n"] += 1
        return Parcel.objects.create(carrier=carrier, locker=locker, barcode=f"3S{counter['n']:08d}",
                                     size=size, deposited_at=deposited_at, collected_at=collected_at, **kwargs)
    return _make
