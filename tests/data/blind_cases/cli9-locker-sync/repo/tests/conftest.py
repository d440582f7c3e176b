from datetime import datetime, timezone as dt_timezone

import pytest

from lockers.lockerlink import VendorEvent
from lockers.models import Compartment, Parcel, Site

T0 = datetime(2024, 11, 11, 16, 0, tzinfo=dt_timezone.utc)


class FakeLockerLink:
    """Stands in for LockerLinkClient: serves a fixed list of events by seq."""

    def __init__(self, events=()):
        self.events = sorted(events, key=lambda e: e.seq)
        self.calls = []

    def fetch_events(self, after, limit=200):
        self.calls.append(after)
        return [e for e in self.events if e.seq > after][:limit]


def vendor_event(seq, kind, tracking_code="", compartment="A01", site="AMS-CS-02", at=T0, **data):
    return VendorEvent(seq=seq, kind=kind, site=site, compartment=compartment, tracking_code=tracking_code,
                       occurred_at=at, data=data)


@pytest.fixture
def site(db):
    site = Site.objects.create(code="AMS-CS-02", name="Amsterdam Centraal west")
    for label in ("A01", "A02", "B01"):
        Compartment.objects.create(site=site, label=label)
    return site


@pytest.fixture
def make_parcel(site):
    def _make(code, status=Parcel.Status.ANNOUNCED, email="", phone="", carrier="PostNL", **extra):
        return Parcel.objects.create(tracking_code=code, carrier=carrier, recipient_name="Sanne de Vries",
                                     recipient_email=email, recipient_phone=phone, site=site, status=status,
                                     **extra)
    return _make
