from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from berths.models import Berth
from owners.models import Boat, Owner


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def berths(db):
    return {
        "S-01": Berth.objects.create(code="S-01", size=Berth.Size.SMALL, nightly_rate=Decimal("32.00")),
        "M-01": Berth.objects.create(code="M-01", size=Berth.Size.MEDIUM, nightly_rate=Decimal("38.00")),
        "M-02": Berth.objects.create(code="M-02", size=Berth.Size.MEDIUM, nightly_rate=Decimal("38.00")),
        "L-01": Berth.objects.create(code="L-01", size=Berth.Size.LARGE, nightly_rate=Decimal("45.00"), finger_pontoon=True),
        "C-01": Berth.objects.create(code="C-01", size=Berth.Size.MULTIHULL, nightly_rate=Decimal("24.00")),
    }


@pytest.fixture
def owner(db):
    return Owner.objects.create(name="Femke de Vries", email="femke@example.nl", phone="+31 6 1234 5678")


@pytest.fixture
def make_boat(owner, today):
    def make(name="Zeemeeuw", length="10.0", kind=Boat.Kind.SAIL, needs_shore_power=False, valid_days=365):
        return Boat.objects.create(
            owner=owner, name=name, kind=kind, length_m=Decimal(length), needs_shore_power=needs_shore_power,
            insurance_valid_until=today + timedelta(days=valid_days),
            registration_valid_until=today + timedelta(days=valid_days),
        )
    return make
