from datetime import date, timedelta

import pytest
from django.utils import timezone

from members.models import Member
from tickets.models import Exhibition, TimeSlot


@pytest.fixture
def exhibition(db):
    return Exhibition.objects.create(name="Light and Water", slug="light-and-water",
                                     opens_on=date(2024, 1, 1), closes_on=date(2030, 12, 31))


@pytest.fixture
def slot(exhibition):
    start = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
    return TimeSlot.objects.create(exhibition=exhibition, starts_at=start, ends_at=start + timedelta(minutes=30),
                                   capacity=50)


@pytest.fixture
def member(db):
    return Member.objects.create(number="M-1001", name="Ines Vos", email="ines@example.org",
                                 tier=Member.Tier.FAMILY, valid_until=date(2030, 1, 1))
