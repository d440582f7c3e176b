import pytest

from quality.jobs.lab_results import analyser_drift, lab_samples

from .conftest import DATA


def test_lab_samples_and_drift(spark, day_dir):
    samples = lab_samples(spark, {"teagasc": str(DATA / "labs" / "teagasc.csv"),
                                  "milkcheck": str(DATA / "labs" / "milkcheck.csv")})
    rows = {r["farm_code"]: r for r in samples.collect()}
    assert rows["F0102"]["lab_fat_pct"] == 4.07
    assert rows["F0102"]["lab_protein_pct"] == 3.45
    assert rows["F0101"]["lab"] == "teagasc"

    raw = (spark.read.option("header", True).csv(str(day_dir / "T05.csv")).selectExpr("*", "'T05' AS tanker"))
    drift = analyser_drift(raw, samples).collect()
    assert len(drift) == 1
    assert drift[0]["samples"] == 2
    assert drift[0]["fat_drift"] == pytest.approx(((3.95 - 3.90) + (4.11 - 4.07)) / 2, abs=1e-3)
