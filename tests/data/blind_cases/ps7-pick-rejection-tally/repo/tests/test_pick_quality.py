from datetime import date

from qc.jobs.pick_quality import run
from qc.picks import load_picks
from qc.screening import ScreeningLimits

DAY = date(2024, 5, 2)


def test_load_picks_normalises_phase_and_day(spark, picks_path):
    rows = load_picks(spark, picks_path, DAY).collect()
    assert len(rows) == 7  # pk-0008 is from the day before
    assert {r["phase"] for r in rows} == {"P", "S"}
    assert {r["station_id"] for r in rows} == {"XQ.ALPA", "XQ.BRGN", "XQ.CVLT"}


def test_station_counts(spark, picks_path):
    report = run(spark, picks_path, DAY, limits=ScreeningLimits())
    assert set(report) == {"XQ.ALPA", "XQ.BRGN", "XQ.CVLT"}
    alpa = report["XQ.ALPA"]
    assert (alpa.picks, alpa.p_picks, alpa.s_picks) == (3, 2, 1)
    assert alpa.mean_snr == 7.77
    assert report["XQ.BRGN"].s_picks == 1
    assert report["XQ.CVLT"].picks == 1


def test_clean_day_has_no_rejections(spark, picks_path):
    report = run(spark, picks_path, DAY, limits=ScreeningLimits())
    assert all(q.rejected == 0 for q in report.values())
    assert all(q.rejection_rate == 0.0 for q in report.values())


def test_usable_picks_written(spark, picks_path, tmp_path):
    out = str(tmp_path / "usable")
    run(spark, picks_path, DAY, limits=ScreeningLimits(), usable_out=out)
    assert spark.read.parquet(out).count() == 7
