"""``rootfix fix --apply`` on two blind batch-7 cases whose forms this suite has no other end-to-end test of: a
Dramatiq actor's client swallowing the project's own transient error (WRK104), and a Huey job's send log nobody
reads (JOB104). (The batch's CMD503 and CMD601 fixes are covered by their rules' generated example tests; the full
blind run is in the README.) Each fix must be validated by its oracle, pass the case's hidden acceptance test, and
name case.yaml's root cause. The cases run concurrently; none needs Spark.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from test_heldout_other_cases import _run_case  # the same run: fix --apply, then the hidden test

BLIND = Path(__file__).parent / "data" / "blind_cases"
CASES = ["bw10-quote-partner", "sj10-pharmacy-refills"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    with ThreadPoolExecutor(max_workers=len(CASES)) as pool:
        futures = {case: pool.submit(_run_case, case, tmp_path_factory.mktemp(case), BLIND) for case in CASES}
        return {case: f.result() for case, f in futures.items()}


@pytest.mark.parametrize("case", CASES)
def test_blind_case_is_fixed(case: str, results) -> None:
    res = results[case]
    assert res["rc"] == 0, res["log"]
    report = res["report"]
    assert report.get("status") == "fixed", res["log"]
    assert report.get("tests_added"), report
    code, log = res["hidden"]
    assert code == 0, f"hidden acceptance test fails after --apply:\n{log}"
    expected = yaml.safe_load((BLIND / case / "case.yaml").read_text())["root_cause"]
    got = report.get("root_cause") or {}
    assert got.get("file") == expected["file"], got
    assert str(got.get("symbol", "")).split(".")[-1] == expected["symbol"].split(".")[-1], got
