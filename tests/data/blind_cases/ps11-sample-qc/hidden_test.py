"""Acceptance tests: a QC run over metrics that contain failing samples (Q30 below threshold, too few reads)
records those samples on the QcRun (failed_count, failed_samples), and the release step holds them back."""
import csv
from io import StringIO

import pytest
from django.core.management import call_command
from pyspark.sql import SparkSession

from qc.jobs import sample_qc
from qc.models import QcRun
from samples.models import Project, Sample, SequencingRun

RUN_ID = "240311_A01234_0042_BHXXXXDSX5"
COLUMNS = ["sample_id", "lane", "read_id", "length", "q30_bases", "mean_qscore", "pf"]


@pytest.fixture(scope="module")
def spark():
    active = SparkSession.getActiveSession()
    session = active or (SparkSession.builder.master("local[2]").appName("qc-acceptance")
                         .config("spark.sql.shuffle.partitions", "2").config("spark.ui.enabled", "false")
                         .getOrCreate())
    yield session
    if active is None:
        session.stop()


@pytest.fixture(autouse=True)
def qc_thresholds(settings):
    settings.QC_MIN_PCT_Q30 = 75.0
    settings.QC_MIN_READS = 10


def reads(sample_id, n, pct_q30, lane=1, length=150, pf=True):
    q30 = round(length * pct_q30 / 100)
    return [[sample_id, lane, f"{sample_id}:{lane}:{pct_q30}:{i}", length, q30, 20 + pct_q30 / 10,
             "true" if pf else "false"] for i in range(n)]


def write_csv(path, rows):
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return str(path)


@pytest.fixture
def seq_run(db):
    return SequencingRun.objects.create(run_id=RUN_ID, instrument="A01234", flowcell="HXXXXDSX5",
                                        status=SequencingRun.Status.DEMULTIPLEXED)


@pytest.fixture
def samples(seq_run):
    project = Project.objects.create(code="GC1042", title="Fin regeneration", pi_name="Dr. Weber",
                                     contact_email="weber@uni.example")
    ids = [f"GC1042_S0{i}" for i in range(1, 7)]
    for sid in ids:
        Sample.objects.create(project=project, run=seq_run, sample_id=sid, status=Sample.Status.SEQUENCED)
    return ids


def mixed_run_rows():
    return (
        reads("GC1042_S01", 25, 92.0, lane=1) + reads("GC1042_S01", 25, 90.0, lane=2)
        + reads("GC1042_S02", 40, 61.0, lane=1)                                         # low Q30
        + reads("GC1042_S03", 30, 88.0, lane=2) + reads("GC1042_S03", 10, 20.0, pf=False)
        + reads("GC1042_S04", 20, 74.0, lane=1) + reads("GC1042_S04", 20, 74.0, lane=2)  # just below Q30
        + reads("GC1042_S05", 4, 95.0, lane=1)                                          # too few reads
        + reads("GC1042_S06", 20, 90.0, lane=1) + reads("GC1042_S06", 20, 50.0, lane=2)  # 70% overall
    )


FAILING = ["GC1042_S02", "GC1042_S04", "GC1042_S05", "GC1042_S06"]


@pytest.mark.django_db
def test_failing_samples_are_recorded_on_the_qc_run(spark, tmp_path, seq_run):
    path = write_csv(tmp_path / "read_metrics.csv", mixed_run_rows())

    sample_qc.run(spark, path, RUN_ID)

    qc_run = QcRun.objects.get(run=seq_run)
    assert qc_run.total_samples == 6
    assert qc_run.failed_count == 4
    assert sorted(qc_run.failed_samples) == FAILING
    assert qc_run.status == QcRun.Status.FAILED


@pytest.mark.django_db
def test_each_run_reports_only_its_own_failures(spark, tmp_path, seq_run):
    first = write_csv(tmp_path / "first.csv", mixed_run_rows())
    second = write_csv(tmp_path / "second.csv",
                       reads("GC1042_S01", 30, 91.0) + reads("GC1042_S02", 30, 70.0) + reads("GC1042_S03", 30, 85.0))
    clean = write_csv(tmp_path / "clean.csv", reads("GC1042_S01", 30, 91.0) + reads("GC1042_S03", 30, 85.0))

    sample_qc.run(spark, first, RUN_ID)
    sample_qc.run(spark, second, RUN_ID)
    sample_qc.run(spark, clean, RUN_ID)

    results = [(r.input_path, r.failed_count, sorted(r.failed_samples))
               for r in QcRun.objects.filter(run=seq_run).order_by("pk")]
    assert results == [(first, 4, FAILING), (second, 1, ["GC1042_S02"]), (clean, 0, [])]


@pytest.mark.django_db
def test_command_run_and_release_holds_failed_samples(spark, tmp_path, samples):
    path = write_csv(tmp_path / "read_metrics.csv", mixed_run_rows())

    call_command("run_sample_qc", RUN_ID, path, "--release", stdout=StringIO())

    qc_run = QcRun.objects.get()
    assert qc_run.failed_count == 4
    assert sorted(qc_run.failed_samples) == FAILING
    status = dict(Sample.objects.values_list("sample_id", "status"))
    assert status == {
        "GC1042_S01": Sample.Status.RELEASED,
        "GC1042_S02": Sample.Status.ON_HOLD,
        "GC1042_S03": Sample.Status.RELEASED,
        "GC1042_S04": Sample.Status.ON_HOLD,
        "GC1042_S05": Sample.Status.ON_HOLD,
        "GC1042_S06": Sample.Status.ON_HOLD,
    }
