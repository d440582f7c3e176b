from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest

from outbox.publishers import MemoryPublisher
from stations.clients import Observation, StaticLoggerClient
from stations.models import Station

T0 = datetime(2024, 10, 14, 6, 0, tzinfo=dt_timezone.utc)


@pytest.fixture(autouse=True)
def fake_field():
    StaticLoggerClient.feed = {}
    StaticLoggerClient.down = set()
    MemoryPublisher.sent = []
    MemoryPublisher.fail_topics = set()
    yield
    StaticLoggerClient.feed = {}
    StaticLoggerClient.down = set()
    MemoryPublisher.sent = []
    MemoryPublisher.fail_topics = set()


@pytest.fixture
def make_station(db):
    def _make(code, **kwargs):
        defaults = {
            "name": f"Station {code}",
            "latitude": Decimal("41.45"),
            "longitude": Decimal("-96.52"),
            "elevation_m": 360,
            "endpoint": f"http://{code.lower()}.loggers.agromet.internal",
        }
        defaults.update(kwargs)
        return Station.objects.create(code=code, **defaults)

    return _make


def records(start, count, step=timedelta(minutes=5), **values):
    base = {"air_temp_c": 8.5, "relative_humidity": 71.0, "precipitation_mm": 0.0, "wind_speed_ms": 2.4}
    base.update(values)
    return [Observation(observed_at=start + i * step, values=dict(base)) for i in range(count)]
