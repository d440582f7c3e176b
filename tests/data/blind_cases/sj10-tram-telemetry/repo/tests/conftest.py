from datetime import datetime, timezone as dt_timezone

import pytest

from fleet.models import Depot, Line, Vehicle
from telemetry.operator_api import StubOperatorClient

T0 = datetime(2024, 5, 2, 5, 30, tzinfo=dt_timezone.utc)


@pytest.fixture(autouse=True)
def operator_feed():
    StubOperatorClient.reset()
    yield StubOperatorClient
    StubOperatorClient.reset()


@pytest.fixture
def depot(db):
    return Depot.objects.create(code="BRG", name="Betriebsbahnhof Brigittenau")


@pytest.fixture
def lines(db):
    return {n: Line.objects.create(number=n, name=f"Line {n}") for n in ("2", "5", "49")}


@pytest.fixture
def trams(depot):
    return {
        num: Vehicle.objects.create(fleet_number=num, operator_id=f"VIE-B-{num}", series="Flexity", depot=depot)
        for num in ("2104", "2107", "2131")
    }


def position(fleet_number, ts, lat=48.2082, lon=16.3738, speed=18.0, line="49", doors="closed"):
    return {"vehicle_id": f"VIE-B-{fleet_number}", "ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "lat": lat, "lon": lon, "speed": speed, "line": line, "doors": doors}
