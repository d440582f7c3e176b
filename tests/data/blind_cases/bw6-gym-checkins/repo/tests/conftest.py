from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from members.models import Gym, Member


@pytest.fixture
def gyms(db):
    return {
        "rino": Gym.objects.create(code="rino", name="Crux RiNo", timezone="America/Denver", capacity=180),
        "golden": Gym.objects.create(code="golden", name="Crux Golden", timezone="America/Denver", capacity=120),
        "slc": Gym.objects.create(code="slc", name="Crux Salt Lake", timezone="America/Denver", capacity=140),
    }


@pytest.fixture
def make_member(gyms):
    counter = {"n": 0}

    def make(first_name="Alex", plan=Member.Plan.MONTHLY, status=Member.Status.ACTIVE, joined_days_ago=400,
             home="rino", **extra):
        counter["n"] += 1
        n = counter["n"]
        return Member.objects.create(
            membership_no=f"CX{n:06d}", card_no=f"CARD{n:05d}", first_name=first_name, last_name="Honnold",
            email=f"{first_name.lower()}{n}@example.com", home_gym=gyms[home], plan=plan, status=status,
            joined_on=timezone.localdate() - timedelta(days=joined_days_ago),
            punches_left=10 if plan == Member.Plan.PUNCH else None, **extra,
        )
    return make


@pytest.fixture
def local_dt():
    """Aware datetime at a local (Denver) wall-clock time ``days_ago`` days before today."""
    def make(days_ago, hour=18, minute=0):
        day = timezone.localdate() - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))
    return make
