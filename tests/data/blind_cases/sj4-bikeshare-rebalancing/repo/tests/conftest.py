from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from rebalancing.targets import StationTargets
from stations.feed import StaticFeed
from stations.models import Station, StationStatus

LISBON = ZoneInfo("Europe/Lisbon")
NOW = datetime(2024, 4, 16, 10, 0, tzinfo=LISBON)  # a Tuesday


@pytest.fixture(autouse=True)
def isolated_targets(monkeypatch):
    # The scheduler process keeps targets for its lifetime; each test builds its own stations.
    monkeypatch.setattr(StationTargets, "_table", {}, raising=False)
    StaticFeed.stations = []
    yield
    StaticFeed.stations = []


@pytest.fixture
def station(db):
    counter = {"n": 0}

    def _station(min_bikes=4, max_bikes=16, capacity=24, **kwargs):
        counter["n"] += 1
        return Station.objects.create(code=kwargs.pop("code", f"S{counter['n']:03d}"),
                                      name=kwargs.pop("name", f"Station {counter['n']}"), capacity=capacity,
                                      lat=38.71, lon=-9.14, opened_on=date(2023, 3, 1),
                                      min_bikes=min_bikes, max_bikes=max_bikes, **kwargs)

    return _station


@pytest.fixture
def report(db):
    def _report(station, bikes, at=NOW, **kwargs):
        return StationStatus.objects.create(station=station, reported_at=at, bikes_available=bikes,
                                            docks_available=station.capacity - bikes, **kwargs)

    return _report
