from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest

from gauges.models import Reading, Station

T0 = datetime(2024, 1, 15, 12, 0, tzinfo=dt_timezone.utc)  # Dublin is UTC in January


@pytest.fixture
def stations(db):
    return {
        "ATH01": Station.objects.create(code="ATH01", name="Athlone Weir", river="Shannon", datum_m=Decimal("34.120")),
        "BAN02": Station.objects.create(code="BAN02", name="Banagher", river="Shannon", datum_m=Decimal("31.870")),
        "SUC03": Station.objects.create(code="SUC03", name="Ballinasloe", river="Suck", datum_m=Decimal("38.400")),
    }


def add_series(station, stages, start=T0, quality=None):
    out = []
    for i, stage in enumerate(stages):
        q = (quality or {}).get(i, Reading.Quality.GOOD if stage is not None else Reading.Quality.MISSING)
        out.append(Reading.objects.create(station=station, taken_at=start + timedelta(minutes=15 * i),
                                          stage_mm=stage, quality=q))
    return out


@pytest.fixture
def readings(stations):
    return {
        "ATH01": add_series(stations["ATH01"], [1200, 1210, 1220, 1230]),
        "BAN02": add_series(stations["BAN02"], [900, 905, None, 915], quality={1: Reading.Quality.SUSPECT}),
        "SUC03": add_series(stations["SUC03"], [640, 650]),
    }
