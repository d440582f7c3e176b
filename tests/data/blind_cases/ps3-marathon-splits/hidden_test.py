"""Acceptance test for publishing race results: runners with a missing mat or an impossible split are held back
for review (not ranked), everybody else is published as official and ranked. Spark runs with local[1]."""
import os
import sys
from datetime import datetime, timezone as dt_timezone
from io import StringIO

import pytest
from django.core.management import call_command

from races.models import Entry, Race, Result, ResultReview, TimingPoint

GUN = datetime(2026, 9, 13, 7, 0, tzinfo=dt_timezone.utc)
MATS = [("START", 0.0), ("10K", 10.0), ("HALF", 21.0975), ("30K", 30.0), ("FINISH", 42.195)]


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("publish-results-acceptance")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    session.conf.set("spark.sql.shuffle.partitions", "1")
    return session


def passing_seconds(pace, start_delay, overrides=None):
    times = {mat: start_delay + round(km * pace) for mat, km in MATS}
    times.update(overrides or {})
    return {mat: t for mat, t in times.items() if t is not None}


RUNNERS = {
    101: passing_seconds(250, 10),
    102: passing_seconds(230, 5, {"HALF": None, "30K": None}),           # cut the loop: no HALF, no 30K
    103: passing_seconds(280, 60, {"HALF": 60 + 2800 + 600, "30K": 60 + 2800 + 1500,
                                   "FINISH": 60 + 2800 + 1500 + 3300}),  # 11 km in 10 minutes
    104: passing_seconds(270, 30),
}


def write_reads(tmp_path):
    gun_ms = int(GUN.timestamp() * 1000)
    per_mat = {}
    for bib, times in RUNNERS.items():
        for mat, seconds in times.items():
            for k, rssi in enumerate((-71, -60)):
                per_mat.setdefault(mat, []).append(f"{mat}-B,{mat},C{bib:05d},{bib},{gun_ms + seconds * 1000 + k * 200},{rssi}")
    reads = tmp_path / "reads"
    reads.mkdir()
    for mat, lines in per_mat.items():
        (reads / f"{mat}-B.csv").write_text("decoder_id,mat,chip,bib,read_ms,rssi\n" + "\n".join(lines) + "\n")
    return str(reads)


@pytest.fixture
def lakeside(db):
    race = Race.objects.create(slug="lakeside-2026", name="Lakeside Marathon", gun_time=GUN, distance_km=42.195)
    for mat, km in MATS:
        TimingPoint.objects.create(race=race, mat=mat, km=km)
    for bib, category in ((101, "M40"), (102, "M40"), (103, "F35"), (104, "F35")):
        Entry.objects.create(race=race, bib=bib, name=f"Runner {bib}", category=category)
    return race


@pytest.mark.django_db
def test_suspicious_results_are_held_back_and_not_ranked(spark, lakeside, tmp_path):
    out = StringIO()
    call_command("publish_results", "--race", lakeside.slug, "--reads", write_reads(tmp_path), stdout=out)

    results = {r.entry.bib: r for r in Result.objects.select_related("entry")}
    assert results[102].status == Result.Status.UNDER_REVIEW
    assert results[103].status == Result.Status.UNDER_REVIEW
    assert results[102].overall_place is None and results[103].overall_place is None
    assert results[101].status == Result.Status.OFFICIAL
    assert results[104].status == Result.Status.OFFICIAL
    assert (results[101].overall_place, results[101].category_place) == (1, 1)
    assert (results[104].overall_place, results[104].category_place) == (2, 1)
    assert results[101].chip_time_s == round(42.195 * 250)

    reasons = {}
    for review in ResultReview.objects.select_related("entry"):
        reasons.setdefault(review.entry.bib, []).append(review.reason)
    assert set(reasons) == {102, 103}
    assert any("HALF" in r for r in reasons[102]) and any("30K" in r for r in reasons[102])
    assert "2 official, 2 held back for review" in out.getvalue()
