import os
import sys
from datetime import datetime, timezone as dt_timezone
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("racetime-tests")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


MATS = [("START", 0), ("10K", 10), ("HALF", 21.0975), ("30K", 30), ("FINISH", 42.195)]
GUN = datetime(2026, 4, 26, 8, 30, tzinfo=dt_timezone.utc)


@pytest.fixture
def reads_dir():
    return str(DATA / "reads")


@pytest.fixture
def race(db):
    from races.models import Entry, Race, TimingPoint

    race = Race.objects.create(slug="riverside-2026", name="Riverside Marathon 2026", gun_time=GUN, distance_km=42.195)
    for mat, km in MATS:
        TimingPoint.objects.create(race=race, mat=mat, km=km)
    Entry.objects.create(race=race, bib=11, name="Ada Quist", category="F35", phone="+447700900011")
    Entry.objects.create(race=race, bib=12, name="Ben Ortiz", category="MSEN")
    Entry.objects.create(race=race, bib=13, name="Cleo Hart", category="F35")
    return race
