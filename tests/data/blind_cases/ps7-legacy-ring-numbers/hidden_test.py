"""Acceptance tests for the season report: birds ringed in the RingBase seasons (up to 2021) and
re-caught in field-app seasons are counted as retraps from earlier seasons, whatever their ring
number looks like, and ring numbers keep their printed form. Spark runs with local[1]."""
import json

import pytest
from django.core.management import call_command

from ringing.models import SeasonSummary, Species
from surveys.jobs.season_report import SpeciesFigures, load_captures, run

HEADER = "RingNo;Species;Age;Sex;Wing;Weight;Date;Site;Ringer;Type"
LEGACY = {  # a reed-bed site: small passerines only, all on numeric AA-size rings
    2019: [
        "0712345;ACRSCI;3;U;65;11.2;18/05/2019;WBK-N;R004;N",
        "0712346;ACRSCI;3;U;66;11.5;18/05/2019;WBK-N;R004;N",
        "0712347;ACRSCH;3;U;67;11.0;01/06/2019;WBK-S;R011;N",
        "0712345;ACRSCI;3;U;65;11.9;01/06/2019;WBK-N;R011;R",
    ],
    2020: [
        "0713001;ACRSCI;3;U;64;10.8;16/05/2020;WBK-N;R004;N",
        "0712346;ACRSCI;4;U;66;11.7;16/05/2020;WBK-N;R004;R",
    ],
    2021: [
        "0715550;ACRSCH;3;U;66;10.9;22/05/2021;WBK-S;R011;N",
        "0715551;ACRSCI;3;U;65;11.0;22/05/2021;WBK-S;R011;N",
    ],
}
APP = {  # ring, species, event, caught_at
    2022: [("0715551", "ACRSCI", "retrap", "2022-05-21T06:30:00+02:00")],
    2023: [
        ("0712345", "ACRSCI", "retrap", "2023-05-13T06:20:00+02:00"),
        ("0712347", "ACRSCH", "retrap", "2023-05-13T06:45:00+02:00"),
        ("0713001", "ACRSCI", "retrap", "2023-05-27T07:10:00+02:00"),
        ("0715550", "ACRSCH", "retrap", "2023-05-27T07:30:00+02:00"),
        ("0720001", "ACRSCI", "new", "2023-05-27T08:00:00+02:00"),
        ("0720001", "ACRSCI", "retrap", "2023-06-10T06:15:00+02:00"),
        ("AH 55.210", "ACRSCI", "control", "2023-06-10T06:50:00+02:00"),
    ],
}
EXPECTED_2023 = {
    "ACRSCI": SpeciesFigures("ACRSCI", new_birds=1, retraps_same_season=1, retraps_earlier_seasons=2, controls=1,
                             oldest_years=4),
    "ACRSCH": SpeciesFigures("ACRSCH", new_birds=0, retraps_same_season=0, retraps_earlier_seasons=2, controls=0,
                             oldest_years=4),
}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("season-report-acceptance")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


@pytest.fixture
def lake(tmp_path):
    (tmp_path / "legacy").mkdir()
    for year, lines in LEGACY.items():
        (tmp_path / "legacy" / f"{year}.csv").write_text("\n".join([HEADER] + lines) + "\n")
    for year, captures in APP.items():
        folder = tmp_path / "app" / str(year)
        folder.mkdir(parents=True)
        events = [json.dumps({"ring": ring, "species": sp, "age": "4", "sex": "U", "wing": 66.0, "mass": 11.5,
                              "caught_at": at, "site": "WBK-N", "ringer_id": "R017", "event": ev,
                              "device": "pixel-7"}) for ring, sp, ev, at in captures]
        (folder / "captures-0001.json").write_text("\n".join(events) + "\n")
    return tmp_path


def paths(lake, up_to):
    legacy = [str(lake / "legacy" / f"{y}.csv") for y in sorted(LEGACY) if y <= up_to]
    app = [str(lake / "app" / str(y)) for y in sorted(APP) if y <= up_to]
    return legacy, app


class _KeepRunning:
    """The test's session, handed to the command; the command's stop() must not end it."""

    def __init__(self, session):
        self._session = session

    def __getattr__(self, name):
        return getattr(self._session, name)

    def stop(self):
        pass


def test_ring_numbers_keep_their_printed_form(spark, lake):
    rings = {r["ring"] for r in load_captures(spark, *paths(lake, 2023)).select("ring").distinct().collect()}
    assert rings == {"0712345", "0712346", "0712347", "0713001", "0715550", "0715551", "0720001", "AH55210"}


def test_app_season_counts_birds_ringed_in_ringbase_seasons(spark, lake):
    assert run(spark, *paths(lake, 2023), 2023) == EXPECTED_2023


def test_first_app_season(spark, lake):
    figures = run(spark, *paths(lake, 2022), 2022)
    assert figures == {"ACRSCI": SpeciesFigures("ACRSCI", 0, 0, 1, 0, 1)}


def test_ringbase_season_still_right(spark, lake):
    figures = run(spark, *paths(lake, 2020), 2020)
    assert figures == {"ACRSCI": SpeciesFigures("ACRSCI", 1, 0, 1, 0, 1)}


@pytest.mark.django_db
def test_season_report_command(spark, lake, monkeypatch, settings):
    import surveys.management.commands.season_report as command

    settings.SURVEYS = {**settings.SURVEYS, "LAKE_ROOT": str(lake), "FIRST_SEASON": 2019, "LAST_LEGACY_SEASON": 2021}
    Species.objects.create(code="ACRSCI", euring="12510", name="Eurasian Reed Warbler",
                           scientific_name="Acrocephalus scirpaceus", ring_size="AA")
    Species.objects.create(code="ACRSCH", euring="12430", name="Sedge Warbler",
                           scientific_name="Acrocephalus schoenobaenus", ring_size="AA")
    monkeypatch.setattr(command, "get_spark", lambda *a, **kw: _KeepRunning(spark))

    call_command("season_report", "--year", "2023")

    reed = SeasonSummary.objects.get(year=2023, species__code="ACRSCI")
    assert (reed.new_birds, reed.retraps_same_season, reed.retraps_earlier_seasons, reed.controls,
            reed.oldest_years) == (1, 1, 2, 1, 4)
    sedge = SeasonSummary.objects.get(year=2023, species__code="ACRSCH")
    assert (sedge.retraps_earlier_seasons, sedge.controls, sedge.oldest_years) == (2, 0, 4)
