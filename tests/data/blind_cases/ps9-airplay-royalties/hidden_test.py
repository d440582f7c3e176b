"""Acceptance tests for the airplay royalty job run on a real (local) Spark session.

The catalogue lookups happen in Spark's Python workers, which are separate processes: the job
must work there, give the right statement lines, and leave no database connection open in the
workers once their tasks are done.
"""
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
if str(ROOT) not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), os.environ.get("PYTHONPATH")] if p)

from catalog.models import RightsHolder, Station, Track  # noqa: E402
from royalties.jobs.airplay_royalties import build_statement_lines, run  # noqa: E402
from royalties.models import RoyaltyPeriod, StatementLine  # noqa: E402

PLAYS = {
    "awfm.jsonl": [
        ("AWFM", "GBAYE0700001", "2024-05-03T07:15:00Z", 180, "music"),
        ("AWFM", "GBAYE0700001", "2024-05-03T07:15:00Z", 180, "music"),  # re-sent by the playout system
        ("AWFM", "GB-AYE-07-00001", "2024-05-09T16:40:00Z", 120, "music"),
        ("AWFM", "ZZXXX9900000", "2024-05-10T10:00:00Z", 200, "music"),  # not in the catalogue
        ("AWFM", "GBBTP1900042", "2024-05-10T10:05:00Z", 20, "music"),  # faded out, not counted
        ("AWFM", None, "2024-05-10T10:06:00Z", 30, "advert"),
        ("AWFM", "GBBTP1900042", "2024-04-30T22:00:00Z", 187, "music"),  # April
    ],
    "awcoast.jsonl": [
        ("AWCOAST", "GBBTP1900042", "2024-05-04T09:00:00Z", 240, "music"),
        ("AWCOAST", "frz032100777", "2024-05-21T13:30:00Z", 200, "music"),
    ],
}

# (holder, station): (plays, seconds, amount_cents); AWFM pays 120 c/min, AWCOAST 30 c/min
EXPECTED = {
    ("LBL1", "AWFM"): (2, 300, 360),
    ("PUB1", "AWFM"): (2, 300, 240),
    ("LBL2", "AWCOAST"): (1, 240, 120),
    ("LBL1", "AWCOAST"): (1, 200, 75),
    ("PUB1", "AWCOAST"): (1, 200, 25),
}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]")
        .appName("airplay-royalties-acceptance")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


@pytest.fixture
def may():
    label1 = RightsHolder.objects.create(name="Northern Lights Records", kind=RightsHolder.LABEL,
                                         society_code="LBL1")
    label2 = RightsHolder.objects.create(name="Basement Tapes", kind=RightsHolder.LABEL, society_code="LBL2")
    publisher = RightsHolder.objects.create(name="Harbour Songs", kind=RightsHolder.PUBLISHER,
                                            society_code="PUB1")
    Track.objects.create(isrc="GBAYE0700001", title="Tidewater", artist="The Moorings", duration_s=214,
                         label=label1, publisher=publisher, publisher_share_pct=40)
    Track.objects.create(isrc="GBBTP1900042", title="Low Ceiling", artist="Cellar Door", duration_s=187,
                         label=label2)
    Track.objects.create(isrc="FRZ032100777", title="Septembre", artist="Les Quais", duration_s=240,
                         label=label1, publisher=publisher, publisher_share_pct=25)
    Station.objects.create(call_sign="AWFM", name="Airwave FM", tier=Station.NATIONAL, rate_cents_per_minute=120)
    Station.objects.create(call_sign="AWCOAST", name="Airwave Coast", tier=Station.REGIONAL,
                           rate_cents_per_minute=30)
    Station.objects.create(call_sign="AWDAB", name="Airwave Gold", tier=Station.NATIONAL, rate_cents_per_minute=60)
    return RoyaltyPeriod.for_month(2024, 5)


@pytest.fixture
def plays_path(tmp_path):
    folder = tmp_path / "playout" / "2024-05"
    folder.mkdir(parents=True)
    for name, items in PLAYS.items():
        with (folder / name).open("w", encoding="utf-8") as fh:
            for station, isrc, started_at, played_s, item_type in items:
                fh.write(json.dumps({"station": station, "isrc": isrc, "started_at": started_at,
                                     "played_s": played_s, "item_type": item_type,
                                     "log_id": f"{station}-{started_at}"}) + "\n")
    return str(folder)


def other_processes_holding(path):
    """PIDs other than this one with ``path`` open (the Spark Python workers are such processes)."""
    target = os.path.realpath(path)
    found = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if int(pid) == os.getpid():
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.path.realpath(f"/proc/{pid}/fd/{fd}") == target:
                    found.add(int(pid))
            except OSError:
                pass
    return found


def database_file():
    from django.db import connection

    return str(connection.settings_dict["NAME"])


@pytest.mark.django_db(transaction=True)
def test_run_stores_statement_lines(spark, may, plays_path, tmp_path):
    result = run(spark, plays_path, may, str(tmp_path / "out"))

    stored = {(line.holder.society_code, line.station): (line.plays, line.seconds, line.amount_cents)
              for line in StatementLine.objects.filter(period=may).select_related("holder")}
    assert stored == EXPECTED
    assert result["unmatched_plays"] == 1
    may.refresh_from_db()
    assert may.status == RoyaltyPeriod.CALCULATED
    assert may.unmatched_plays == 1

    parquet = {(r.holder_id, r.station): r.amount_cents for r in spark.read.parquet(str(tmp_path / "out")).collect()}
    assert sorted(parquet.values()) == sorted(amount for _, _, amount in EXPECTED.values())


@pytest.mark.django_db(transaction=True)
def test_catalogue_lookups_leave_no_connection_open_in_the_workers(spark, may, plays_path):
    codes = dict(RightsHolder.objects.values_list("pk", "society_code"))

    lines, resolved = build_statement_lines(spark, plays_path, may)
    got = {(codes[r.holder_id], r.station): (r.plays, r.seconds, r.amount_cents) for r in lines.collect()}
    assert got == EXPECTED
    assert resolved.where("label_id IS NULL").count() == 1

    assert other_processes_holding(database_file()) == set(), \
        "Spark Python workers still hold the database open after their tasks finished"
