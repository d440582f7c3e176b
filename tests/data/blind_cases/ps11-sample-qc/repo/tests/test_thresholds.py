from qc.summary import QcSummary
from qc.thresholds import LOW_Q30, LOW_YIELD, QcThresholds

THRESHOLDS = QcThresholds(min_pct_q30=75.0, min_reads=1000)


def test_failure_reasons():
    assert THRESHOLDS.failure_reasons(5000, 91.2) == []
    assert THRESHOLDS.failure_reasons(5000, 74.99) == [LOW_Q30]
    assert THRESHOLDS.failure_reasons(999, 80.0) == [LOW_YIELD]
    assert THRESHOLDS.failure_reasons(10, None) == [LOW_Q30, LOW_YIELD]


def test_threshold_is_inclusive():
    assert THRESHOLDS.failure_reasons(1000, 75.0) == []


def test_summary_collects_failed_samples():
    summary = QcSummary(THRESHOLDS)
    for row in [
        {"sample_id": "GC1042_S02", "reads": 4000, "pct_q30": 61.0},
        {"sample_id": "GC1042_S01", "reads": 4000, "pct_q30": 92.5},
        {"sample_id": "GC1042_S03", "reads": 20, "pct_q30": 70.0},
    ]:
        summary.observe(row)
    assert summary.failed_sample_ids() == ["GC1042_S02", "GC1042_S03"]
    assert summary.failed_count == 2
    assert summary.counts == {LOW_Q30: 2, LOW_YIELD: 1}


def test_thresholds_from_settings(settings):
    settings.QC_MIN_PCT_Q30 = 80
    settings.QC_MIN_READS = 500
    assert QcThresholds.from_settings() == QcThresholds(min_pct_q30=80.0, min_reads=500)
