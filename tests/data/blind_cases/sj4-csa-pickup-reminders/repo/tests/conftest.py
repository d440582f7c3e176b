from datetime import date, time

import pytest

from members.models import Member, Share
from outbox.gateways import MemoryGateway
from pickups.models import PickupSite


@pytest.fixture(autouse=True)
def sms_sent():
    MemoryGateway.sent.clear()
    yield MemoryGateway.sent
    MemoryGateway.sent.clear()


@pytest.fixture
def site(db):
    # Wednesdays 15:00-19:00
    return PickupSite.objects.create(code="MKT", name="Market Square", address="12 Market Sq",
                                     weekday=2, opens_at=time(15), closes_at=time(19))


@pytest.fixture
def make_member(db, site):
    counter = {"n": 0}

    def _make(contact_by=Member.Contact.SMS, kind=Share.Kind.VEG, **kwargs):
        counter["n"] += 1
        n = counter["n"]
        member = Member.objects.create(
            first_name=kwargs.pop("first_name", f"M{n}"), last_name="Grower",
            email=f"m{n}@example.org", phone=f"+1416555{n:04d}", contact_by=contact_by,
            joined_on=date(2024, 1, 15), **kwargs,
        )
        Share.objects.create(member=member, kind=kind, site=site,
                             starts_on=date(2024, 6, 1), ends_on=date(2024, 10, 31))
        return member

    return _make
