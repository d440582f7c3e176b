from datetime import date

import pytest

from timetable.models import Port, Route, Season, Vessel


@pytest.fixture
def network(db):
    obn = Port.objects.create(code="OBN", name="Oban")
    cra = Port.objects.create(code="CRA", name="Craignure")
    col = Port.objects.create(code="COL", name="Coll")
    return {
        "ports": {"OBN": obn, "CRA": cra, "COL": col},
        "routes": {
            "OBN-CRA": Route.objects.create(code="OBN-CRA", origin=obn, destination=cra, crossing_minutes=46),
            "CRA-OBN": Route.objects.create(code="CRA-OBN", origin=cra, destination=obn, crossing_minutes=46),
            "OBN-COL": Route.objects.create(code="OBN-COL", origin=obn, destination=col, crossing_minutes=160),
        },
        "vessels": {
            "Isle of Mull": Vessel.objects.create(name="Isle of Mull", passenger_capacity=962, car_capacity=70),
            "Loch Frisa": Vessel.objects.create(name="Loch Frisa", passenger_capacity=250, car_capacity=36),
            "Clansman": Vessel.objects.create(name="Clansman", passenger_capacity=638, car_capacity=90,
                                              in_service=False),
        },
    }


@pytest.fixture
def season(network):
    return Season.objects.create(code="S25", name="Summer 2025", starts_on=date(2025, 3, 28),
                                 ends_on=date(2025, 10, 24))


@pytest.fixture
def write_csv(tmp_path):
    def _write(text, name="timetable.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
