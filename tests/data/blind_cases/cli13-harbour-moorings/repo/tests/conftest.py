from datetime import date
from decimal import Decimal

import pytest

from harbour.models import Berth, MooringAssignment, Season, Vessel


@pytest.fixture
def season(db):
    return Season.objects.create(year=2025, starts_on=date(2025, 4, 1), ends_on=date(2025, 10, 31),
                                 rate_per_metre=Decimal("180.00"), power_surcharge=Decimal("95.00"), is_open=True)


@pytest.fixture
def make_berth(db):
    def _make(code, length="10.00", beam="3.60", has_power=False, **kwargs):
        return Berth.objects.create(code=code, pontoon=code[0], length_m=Decimal(length), beam_m=Decimal(beam),
                                    has_power=has_power, **kwargs)
    return _make


@pytest.fixture
def make_vessel(db):
    def _make(registration, loa="9.50", beam="3.20", owner="Jo Penrose", email=None, name=None):
        return Vessel.objects.create(name=name or f"Boat {registration}", registration=registration,
                                     owner_name=owner, owner_email=email or f"{registration.lower()}@example.com",
                                     loa_m=Decimal(loa), beam_m=Decimal(beam))
    return _make


@pytest.fixture
def moor(season, make_berth, make_vessel):
    """A vessel on a berth for the whole 2025 season."""
    def _moor(berth_code, registration, starts_on=None, **vessel_kwargs):
        berth = Berth.objects.filter(code=berth_code).first() or make_berth(berth_code)
        vessel = make_vessel(registration, **vessel_kwargs)
        return MooringAssignment.objects.create(berth=berth, vessel=vessel, season=season,
                                                starts_on=starts_on or season.starts_on)
    return _moor
