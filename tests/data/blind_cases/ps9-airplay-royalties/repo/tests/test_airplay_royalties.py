from datetime import date, datetime, timezone

import pytest
from pyspark.sql import functions as F

from royalties.jobs.airplay_royalties import RESOLVED_SCHEMA, compute_lines, load_plays, station_rates
from royalties.models import RoyaltyPeriod

from .conftest import write_playout


def ts(day, hour, minute=0):
    return datetime(2024, 5, day, hour, minute, tzinfo=timezone.utc)


@pytest.fixture
def may():
    return RoyaltyPeriod(start=date(2024, 5, 1), end=date(2024, 6, 1))


def test_load_plays_keeps_counted_music_of_the_period(spark, tmp_path, may):
    path = write_playout(tmp_path / "playout" / "awfm.jsonl", [
        ("AWFM", "GB-AYE-07-00001", "2024-05-03T07:15:00Z", 214, "music"),
        ("AWFM", "GBAYE0700001", "2024-05-03T07:15:00Z", 214, "music"),  # re-sent by playout
        ("AWFM", "GBBTP1900042", "2024-05-03T07:19:00Z", 12, "music"),  # faded out, not counted
        ("AWFM", None, "2024-05-03T07:20:00Z", 30, "advert"),
        ("AWFM", "GBBTP1900042", "2024-04-30T23:58:00Z", 187, "music"),  # April
        ("AWCOAST", "gbbtp1900042", "2024-05-31T23:59:00Z", 187, "music"),
    ])
    plays = load_plays(spark, path, may).withColumn("started_at", F.date_format("started_at", "yyyy-MM-dd HH:mm"))
    assert sorted(tuple(r) for r in plays.collect()) == [
        ("AWCOAST", "GBBTP1900042", "2024-05-31 23:59", 187),
        ("AWFM", "GBAYE0700001", "2024-05-03 07:15", 214),
    ]


def test_compute_lines_splits_between_label_and_publisher(spark):
    resolved = spark.createDataFrame([
        ("AWFM", "GBAYE0700001", ts(3, 7), 180, 1, 3, 40),
        ("AWFM", "GBAYE0700001", ts(3, 11), 120, 1, 3, 40),
        ("AWCOAST", "GBBTP1900042", ts(4, 9), 240, 2, None, 0),
        ("AWFM", "ZZXXX9900000", ts(4, 9), 240, None, None, None),  # unknown track, nobody is paid
    ], RESOLVED_SCHEMA)
    rates = spark.createDataFrame([("AWFM", 120), ("AWCOAST", 30)], "station string, rate_cents_per_minute long")
    lines = {(r.holder_id, r.station): (r.plays, r.seconds, r.amount_cents) for r in compute_lines(resolved, rates).collect()}
    # AWFM: 300 s at 120 c/min = 600 c, 60 % to label 1, 40 % to publisher 3
    assert lines == {
        (1, "AWFM"): (2, 300, 360),
        (3, "AWFM"): (2, 300, 240),
        (2, "AWCOAST"): (1, 240, 120),
    }


def test_station_rates(spark, catalog):
    rates = {r.station: r.rate_cents_per_minute for r in station_rates(spark).collect()}
    assert rates == {"AWFM": 120, "AWCOAST": 30}
