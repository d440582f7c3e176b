import pytest

from qc.jobs.sample_qc import run, sample_metrics
from qc.models import QcRun
from qc.schema import load_read_metrics
from qc.services import UnknownRunError
from samples.models import SequencingRun

from .conftest import RUN_ID, reads_for, write_metrics


def test_sample_metrics_aggregates_pf_reads(spark, tmp_path):
    rows = (reads_for("GC1042_S01", 12, 90.0) + reads_for("GC1042_S01", 4, 10.0, pf=False)
            + reads_for("GC1042_S02", 8, 60.0, lane=1) + reads_for("GC1042_S02", 8, 80.0, lane=2))
    path = write_metrics(tmp_path / "metrics.csv", rows)

    result = {r["sample_id"]: r.asDict() for r in sample_metrics(load_read_metrics(spark, path)).collect()}

    assert result["GC1042_S01"]["reads"] == 12
    assert result["GC1042_S01"]["pct_q30"] == 90.0
    assert result["GC1042_S02"]["reads"] == 16
    assert result["GC1042_S02"]["bases"] == 1600
    assert result["GC1042_S02"]["pct_q30"] == 70.0


@pytest.mark.django_db
def test_run_with_all_samples_passing(spark, tmp_path, seq_run):
    rows = reads_for("GC1042_S01", 20, 91.0) + reads_for("GC1042_S02", 15, 88.5) + reads_for("GC1042_S03", 30, 79.0)
    path = write_metrics(tmp_path / "metrics.csv", rows)

    qc_run = run(spark, path, RUN_ID)

    qc_run.refresh_from_db()
    assert qc_run.status == QcRun.Status.PASSED
    assert qc_run.total_samples == 3
    assert qc_run.failed_count == 0
    assert qc_run.failed_samples == []
    assert qc_run.thresholds == {"min_pct_q30": 75.0, "min_reads": 10}
    seq_run.refresh_from_db()
    assert seq_run.status == SequencingRun.Status.QC_DONE


@pytest.mark.django_db
def test_unknown_run_is_rejected(spark, tmp_path):
    path = write_metrics(tmp_path / "metrics.csv", reads_for("GC1042_S01", 20, 91.0))
    with pytest.raises(UnknownRunError):
        run(spark, path, "240101_A00000_0001_AXXXXXXXX")
    assert not QcRun.objects.exists()


@pytest.mark.django_db
def test_unreadable_input_marks_qc_run_as_error(spark, tmp_path, seq_run):
    with pytest.raises(Exception):
        run(spark, str(tmp_path / "missing.parquet"), RUN_ID)
    qc_run = QcRun.objects.get()
    assert qc_run.status == QcRun.Status.ERROR
    assert qc_run.error_message
