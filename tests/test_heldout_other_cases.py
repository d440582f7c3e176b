"""``rootfix fix --apply`` on the held-out cli-tool / scheduled-job / pyspark-job cases in tests/data/cases
(benchmark format, other projects and other forms than the public examples): the fix is validated, the
case's hidden acceptance test passes on the applied fix, and report.json names case.yaml's root cause.

The cases run concurrently (the Spark one dominates); each case's rootfix run and acceptance run happen once.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import make_git_repo

CASES_DIR = Path(__file__).parent / "data" / "cases"
PREFIXES = ("ho-cli-", "ho-sj-", "ho-ps-")
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.name.startswith(PREFIXES) and (p / "bug.yaml").exists()) \
    if CASES_DIR.is_dir() else []

pytestmark = pytest.mark.slow


def _run_case(case: str, base: Path, cases_dir: Path = CASES_DIR) -> dict:
    src = cases_dir / case
    repo = make_git_repo(src / "repo", base / "repo")
    bug = base / "bug.yaml"
    shutil.copy(src / "bug.yaml", bug)
    out = base / "out"
    fix = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(bug), "--repo", str(repo),
                          "--python", sys.executable, "--apply", "--out", str(out)],
                         capture_output=True, text=True, timeout=900)
    report = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {}
    result = {"rc": fix.returncode, "report": report, "log": (fix.stdout + fix.stderr)[-3000:], "hidden": None}
    if fix.returncode == 0:
        shutil.copy(src / "hidden_test.py", repo / "tests" / "test_example_case.py")
        hidden = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                 "tests/test_example_case.py"], cwd=repo, capture_output=True, text=True, timeout=600)
        result["hidden"] = (hidden.returncode, (hidden.stdout + hidden.stderr)[-3000:])
    return result


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    with ThreadPoolExecutor(max_workers=max(1, len(CASES))) as pool:
        futures = {case: pool.submit(_run_case, case, tmp_path_factory.mktemp(case)) for case in CASES}
        return {case: f.result() for case, f in futures.items()}


@pytest.mark.parametrize("case", CASES)
def test_heldout_case_is_fixed(case: str, results) -> None:
    res = results[case]
    assert res["rc"] == 0, res["log"]
    report = res["report"]
    assert report.get("status") == "fixed", res["log"]
    assert report.get("tests_added"), report  # the validated fix comes with its regression test
    assert not (report.get("validation") or {}).get("regressions"), report.get("validation")

    code, log = res["hidden"]
    assert code == 0, f"hidden acceptance test fails after --apply:\n{log}"

    expected = yaml.safe_load((CASES_DIR / case / "case.yaml").read_text())["root_cause"]
    got = report.get("root_cause") or {}
    assert got.get("file") == expected["file"], got
    assert str(got.get("symbol", "")).split(".")[-1] == expected["symbol"].split(".")[-1], got
