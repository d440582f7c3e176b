from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from farms.models import Farm, SeasonAllocation, Valve, Zone
from irrigation.gateway import MemoryGateway


@pytest.fixture(autouse=True)
def gateway():
    MemoryGateway.reset()
    yield MemoryGateway
    MemoryGateway.reset()


@pytest.fixture
def farm(db):
    return Farm.objects.create(name="Oak Creek Orchards", member_number="M-0142", manager_email="ops@oakcreek.example",
                               system_efficiency=Decimal("0.90"))


@pytest.fixture
def zones(farm):
    result = []
    for i, (crop, area, kc) in enumerate([("almonds", 12000, "1.05"), ("almonds", 9000, "1.05"),
                                          ("pistachio", 15000, "0.95")], start=1):
        valve = Valve.objects.create(serial=f"VLV-{i:04d}", flow_rate_lpm=600)
        result.append(Zone.objects.create(farm=farm, name=f"Block {i}", crop=crop, area_m2=area,
                                          crop_coefficient=Decimal(kc), valve=valve))
    return result


@pytest.fixture
def allocation(farm):
    today = timezone.localdate()
    return SeasonAllocation.objects.create(
        farm=farm, season_start=today - timedelta(days=60), season_end=today + timedelta(days=120),
        allocated_liters=5_000_000, remaining_liters=5_000_000, reserve_liters=250_000,
    )
