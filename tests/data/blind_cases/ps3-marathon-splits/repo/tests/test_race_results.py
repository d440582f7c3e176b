from io import StringIO

import pytest
from django.core.management import call_command

from races.models import Result
from timing.decoder_health import DecoderHealth
from timing.jobs.race_results import compute_results
from timing.reads import load_reads

from .conftest import GUN, MATS


def test_compute_results_times_and_splits(spark, reads_dir):
    results, _ = compute_results(spark, f"{reads_dir}/*.csv", GUN, MATS, 165)
    assert set(results) == {11, 12, 13}
    assert results[11]["chip_time_s"] == round(42.195 * 240)
    assert results[12]["gun_time_s"] == 40 + round(42.195 * 300)
    assert results[12]["splits"]["10K"] == 3000
    assert "START" not in results[13]["splits"]


def test_decoder_health(spark, reads_dir):
    report = DecoderHealth(spark, low_rssi=-75).report(load_reads(spark, f"{reads_dir}/*.csv"))
    assert report["total_reads"] == 45
    assert report["weak_reads"] == 15
    assert report["decoders"]["10K-A"]["chips"] == 3


@pytest.mark.django_db
def test_publish_results(spark, race, reads_dir):
    out = StringIO()
    call_command("publish_results", "--race", race.slug, "--reads", reads_dir, stdout=out)
    assert "3 official, 0 held back for review, 0 DNF" in out.getvalue()
    places = {r.entry.bib: (r.overall_place, r.category_place) for r in Result.objects.select_related("entry")}
    assert places == {11: (1, 1), 12: (2, 1), 13: (3, 2)}
    race.refresh_from_db()
    assert race.published_at is not None
