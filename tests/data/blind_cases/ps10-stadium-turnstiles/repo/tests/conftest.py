import json
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

import pytest

from turnstiles.models import Gate, Match


@pytest.fixture(scope="session")
def spark():
    from analytics.spark import build_spark

    session = build_spark("tests")
    yield session
    session.stop()


@pytest.fixture
def stadium(db):
    gates = {
        code: Gate.objects.create(code=code, name=f"Gate {code[1:]}", stand=stand)
        for code, stand in [("G01", "N"), ("G02", "N"), ("G03", "E"), ("G04", "S"), ("G05", "S"), ("G06", "W")]
    }
    kickoff = datetime(2024, 3, 9, 15, 0, tzinfo=dt_timezone.utc)
    matches = {
        "2024-03-09-GLR-ATH": Match.objects.create(
            code="2024-03-09-GLR-ATH", competition="League", home_team="Gateline Rovers",
            away_team="Athletic", kickoff=kickoff, gates_open=kickoff - timedelta(minutes=90), capacity=32000,
        ),
        "2024-03-16-GLR-UTD": Match.objects.create(
            code="2024-03-16-GLR-UTD", competition="League", home_team="Gateline Rovers",
            away_team="United", kickoff=kickoff + timedelta(days=7), gates_open=kickoff + timedelta(days=7, minutes=-90),
            capacity=32000,
        ),
    }
    return gates, matches


def scan(event_id, match, gate, ticket, result, at, lane=1):
    """A raw controller event; ``at`` is an aware UTC datetime."""
    return {
        "event_id": event_id,
        "controller": f"{gate}-C1",
        "gate": gate.lower(),
        "lane": lane,
        "ticket": ticket,
        "match": match,
        "result": result,
        "reason": "ALREADY_IN" if result == "DENY" else None,
        "ts": at.astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
    }


def write_raw_scans(root, day, events):
    """Write events as the controllers do: one JSON-lines file per controller under date=<day>/."""
    folder = Path(root) / f"date={day}"
    folder.mkdir(parents=True, exist_ok=True)
    by_controller = {}
    for event in events:
        by_controller.setdefault(event["controller"], []).append(event)
    for controller, lines in by_controller.items():
        with (folder / f"{controller}.jsonl").open("a", encoding="utf-8") as fh:
            for line in lines:
                fh.write(json.dumps(line) + "\n")
    return folder
