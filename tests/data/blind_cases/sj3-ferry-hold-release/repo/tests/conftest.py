from datetime import datetime, timezone as dt_timezone

import pytest
from django.core.cache import cache

from fleet.models import Port, Route, Sailing, Vessel

NOW = datetime(2024, 6, 11, 16, 0, tzinfo=dt_timezone.utc)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def route(db):
    hsb = Port.objects.create(code="HSB", name="Horseshoe Bay")
    nan = Port.objects.create(code="NAN", name="Departure Bay")
    return Route.objects.create(code="HSB-NAN", origin=hsb, destination=nan, crossing_minutes=100)


@pytest.fixture
def vessel(db):
    return Vessel.objects.create(name="Coastal Heron", passenger_capacity=10, vehicle_capacity=4)


@pytest.fixture
def make_sailing(route, vessel):
    def _make(departs_at, **kwargs):
        return Sailing.objects.create(route=route, vessel=vessel, departs_at=departs_at, **kwargs)
    return _make
