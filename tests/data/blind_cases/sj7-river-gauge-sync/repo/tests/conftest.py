from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest
from django.core.cache import cache

from gauges.models import Station
from gauges.telemetry import RawReading

NOW = datetime(2025, 2, 11, 9, 0, tzinfo=dt_timezone.utc)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def stations(db):
    return [
        Station.objects.create(code="2588010", name="Marburg", river="Lahn",
                               warning_level_m=Decimal("2.80"), alert_level_m=Decimal("3.60")),
        Station.objects.create(code="2588320", name="Giessen", river="Lahn",
                               warning_level_m=Decimal("3.00"), alert_level_m=Decimal("3.90")),
    ]


class FakeClient:
    """Stands in for TelemetryClient: serves readings from a list."""

    def __init__(self, readings=()):
        self.readings = list(readings)
        self.calls = []

    def readings_since(self, station_codes, since):
        self.calls.append((tuple(station_codes), since))
        return [r for r in self.readings if r.station_code in station_codes and r.measured_at > since]


def series(code, start, levels, step_minutes=15):
    return [RawReading(code, start + timedelta(minutes=step_minutes * i), Decimal(str(level)))
            for i, level in enumerate(levels)]


@pytest.fixture
def fake_client():
    return FakeClient(
        series("2588010", NOW - timedelta(hours=1), [1.92, 1.95, 1.97, 2.01])
        + series("2588320", NOW - timedelta(hours=1), [2.40, 2.41, 2.41, 2.44])
    )
