from pathlib import Path

from surveys.jobs.netting_effort import run

DATA = Path(__file__).parent / "data"


def test_legacy_effort(spark):
    rows = run(spark, [str(DATA / "legacy_effort" / "2021.csv")], [], 2021)
    assert rows == [("WBK-N", 5, 2070.0, 2), ("WBK-S", 6, 720.0, 1)]


def test_app_effort(spark):
    rows = run(spark, [], [str(DATA / "app_effort" / "2022")], 2022)
    assert rows == [("WBK-N", 5, 1080.0, 1), ("WBK-N", 6, 990.0, 1)]
