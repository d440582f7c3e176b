import csv
from datetime import datetime, timezone as dt_timezone

import pytest

from qc.schema import READ_METRICS_COLUMNS
from samples.models import Project, Sample, SequencingRun

RUN_ID = "240311_A01234_0042_BHXXXXDSX5"
NOW = datetime(2024, 3, 12, 9, 0, tzinfo=dt_timezone.utc)


@pytest.fixture(scope="session")
def spark():
    from qc.spark import get_spark

    session = get_spark(app_name="seqcore-tests", master="local[2]")
    yield session
    session.stop()


def reads_for(sample_id, n, pct_q30, lane=1, length=100, pf=True):
    """``n`` reads of ``sample_id`` whose bases are ``pct_q30`` % >= Q30."""
    q30 = round(length * pct_q30 / 100)
    return [
        {"sample_id": sample_id, "lane": lane, "read_id": f"{sample_id}:{lane}:{i}", "length": length,
         "q30_bases": q30, "mean_qscore": 20 + pct_q30 / 10, "pf": "true" if pf else "false"}
        for i in range(n)
    ]


def write_metrics(path, rows):
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=READ_METRICS_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return str(path)


@pytest.fixture
def seq_run(db):
    return SequencingRun.objects.create(run_id=RUN_ID, instrument="A01234", flowcell="HXXXXDSX5",
                                        status=SequencingRun.Status.DEMULTIPLEXED, completed_at=NOW)


@pytest.fixture
def project(db):
    return Project.objects.create(code="GC1042", title="Zebrafish fin regeneration RNA-seq", pi_name="Dr. Weber",
                                  contact_email="weber@uni.example")


@pytest.fixture
def make_samples(project, seq_run):
    def _make(*sample_ids):
        return [Sample.objects.create(project=project, run=seq_run, sample_id=sid, status=Sample.Status.SEQUENCED)
                for sid in sample_ids]
    return _make
