import pytest

from qc.jobs import lane_yield
from qc.models import LaneYield

from .conftest import RUN_ID, reads_for, write_metrics


@pytest.mark.django_db
def test_lane_yield_table(spark, tmp_path, seq_run):
    rows = (reads_for("GC1042_S01", 30, 90.0, lane=1) + reads_for("GC1042_S02", 10, 70.0, lane=1, pf=False)
            + reads_for("GC1042_S01", 10, 85.0, lane=2) + reads_for("GC1042_S02", 30, 80.0, lane=2, pf=False))
    rows.append({"sample_id": "GC1042_S01", "lane": "", "read_id": "x", "length": 100, "q30_bases": 90,
                 "mean_qscore": 30, "pf": "true"})
    rows.append({"sample_id": "GC1042_S01", "lane": 1, "read_id": "y", "length": 0, "q30_bases": 0,
                 "mean_qscore": 30, "pf": "true"})
    path = write_metrics(tmp_path / "metrics.csv", rows)

    lanes = lane_yield.run(spark, path, RUN_ID)

    assert [lane["lane"] for lane in lanes] == [1, 2]
    l1, l2 = LaneYield.objects.filter(run=seq_run).order_by("lane")
    assert (l1.reads, l1.pf_reads, l1.pf_pct, l1.pct_q30, l1.low_pf) == (40, 30, 75.0, 90.0, False)
    assert (l2.reads, l2.pf_reads, l2.pf_pct, l2.low_pf) == (40, 10, 25.0, True)
    assert l1.malformed_records == 2


@pytest.mark.django_db
def test_lane_yield_rerun_replaces_rows(spark, tmp_path, seq_run):
    path = write_metrics(tmp_path / "metrics.csv", reads_for("GC1042_S01", 5, 90.0, lane=3))
    lane_yield.run(spark, path, RUN_ID)
    lane_yield.run(spark, path, RUN_ID)
    assert LaneYield.objects.filter(run=seq_run).count() == 1
