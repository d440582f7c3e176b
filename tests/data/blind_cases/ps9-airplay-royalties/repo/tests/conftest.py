import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Spark starts its Python workers with PYSPARK_PYTHON (default: whatever `python3` is on PATH) and
# they must be able to import the project, like the zip passed with --py-files on the cluster.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH")] if p)


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("airwave-tests")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture
def catalog(db):
    from catalog.models import RightsHolder, Station, Track

    holders = {
        code: RightsHolder.objects.create(name=name, kind=kind, society_code=code,
                                          statement_email=f"{code.lower()}@example.com")
        for code, name, kind in [
            ("LBL1", "Northern Lights Records", RightsHolder.LABEL),
            ("LBL2", "Basement Tapes", RightsHolder.LABEL),
            ("PUB1", "Harbour Songs", RightsHolder.PUBLISHER),
        ]
    }
    tracks = {
        "GBAYE0700001": Track.objects.create(isrc="GB-AYE-07-00001", title="Tidewater", artist="The Moorings",
                                             duration_s=214, label=holders["LBL1"], publisher=holders["PUB1"],
                                             publisher_share_pct=40),
        "GBBTP1900042": Track.objects.create(isrc="GBBTP1900042", title="Low Ceiling", artist="Cellar Door",
                                             duration_s=187, label=holders["LBL2"]),
    }
    stations = {
        "AWFM": Station.objects.create(call_sign="AWFM", name="Airwave FM", tier=Station.NATIONAL,
                                       rate_cents_per_minute=120),
        "AWCOAST": Station.objects.create(call_sign="AWCOAST", name="Airwave Coast", tier=Station.REGIONAL,
                                          rate_cents_per_minute=30),
    }
    return {"holders": holders, "tracks": tracks, "stations": stations}


def write_playout(path, items):
    """Playout log as the automation writes it: one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for station, isrc, started_at, played_s, item_type in items:
            fh.write(json.dumps({"station": station, "isrc": isrc, "started_at": started_at,
                                 "played_s": played_s, "item_type": item_type,
                                 "log_id": f"{station}-{started_at}"}) + "\n")
    return str(path)
