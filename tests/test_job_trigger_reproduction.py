"""A failure that *triggers* a scheduled-job bug is not the bug (S3/S5: a lock, temp file or handle left behind).

A report of a job that stopped running after one night of an API outage carries the outage's traceback. The
generated reproduction runs the job and shows that error again -- the outage is still there in the test
environment -- and a correct fix (release the lock in ``finally``) lets the error through as before. For
rules that declare ``reported_error_is_trigger`` the still-failing generated run does not reject the fix; the
rule's oracle (inject the failure, then the next run must do its work) must prove it. Any other error, any
other rule, or a reproduction the user gave still rejects it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_git_repo
from rootfix.rules.base import load_all_rules
from rootfix.types import Candidate, Finding, Patch, Reproduction
from rootfix.types import TestOutcome as Outcome
from rootfix.types import TestRun as Run
from rootfix.validate.verdict import _trigger_still_shown

PROJECT = Path(__file__).parent / "data" / "job_projects" / "gridmeter"
REPRO = "tests/test_rootfix_reproduction.py"

OUTAGE_BUG = """\
component_type: scheduled-job
component_name: pull_readings (APScheduler, nightly 03:15)
bug_description: No meter readings were stored since the night the grid operator's API was down; every night
  since, the job logs that it is already running and skips, although the scheduler was restarted.
expected_behavior: A night the operator's API is down fails that night's pull; the next night pulls again.
actual_behavior: After the one failed night every later pull skips with "already running".
error_message: |
  Traceback (most recent call last):
    File "/srv/gridmeter/meters/jobs.py", line 22, in pull_readings
      readings = grid.fetch_readings(day)
    File "/srv/gridmeter/meters/grid.py", line 20, in fetch_readings
      raise GridAPIError(f"GET {url} failed: {exc.reason}") from exc
  meters.grid.GridAPIError: GET http://grid.example/api/readings?day=2024-03-04 failed: Service Unavailable
"""


def _candidate(code: str) -> Candidate:
    finding = Finding(code=code, rule="x", message="m", file="meters/jobs.py", line=18, symbol="pull_readings")
    return Candidate(f"rule:{code}", Patch(()), finding=finding, regression_tests=("tests/test_x.py",))


def _repro(kind: str = "generated") -> Reproduction:
    return Reproduction(kind=kind, targets=(REPRO,), reproduced=True, matched_error=True,  # type: ignore[arg-type]
                        exc_type="meters.grid.GridAPIError")


def _after(message: str) -> Run:
    return Run(("pytest",), 1, (Outcome(f"{REPRO}::test_rootfix_reproduction", "failed", 0.1, message),), 1.0)


SAME = "meters.grid.GridAPIError: GET http://grid-operator.invalid/api/readings failed"


def test_same_error_after_a_trigger_rules_fix_is_the_trigger() -> None:
    load_all_rules()
    assert _trigger_still_shown(_candidate("JOB301"), _repro(), _after(SAME), (REPRO,))
    assert _trigger_still_shown(_candidate("JOB501"), _repro(), _after(SAME), (REPRO,))


@pytest.mark.parametrize(("code", "kind", "message"), [
    ("JOB102", "generated", SAME),  # a rule whose bug is the error itself
    ("JOB301", "report-nodeid", SAME),  # the user's reproduction is the specification
    ("JOB301", "failing-tests", SAME),
    ("JOB301", "generated", "AttributeError: 'NoneType' object has no attribute 'ean'"),  # a new error
])
def test_otherwise_the_still_failing_reproduction_rejects(code: str, kind: str, message: str) -> None:
    load_all_rules()
    assert not _trigger_still_shown(_candidate(code), _repro(kind), _after(message), (REPRO,))


@pytest.mark.slow
def test_lock_left_by_an_outage_is_fixed_end_to_end(tmp_path: Path) -> None:
    repo = make_git_repo(PROJECT, tmp_path / "gridmeter")
    bug = tmp_path / "bug.yaml"
    bug.write_text(OUTAGE_BUG)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(bug), "--repo", str(repo), "--python",
                           sys.executable, "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "fixed"
    assert (report["root_cause"]["file"], report["root_cause"]["symbol"], report["root_cause"]["rule"]) == (
        "meters/jobs.py", "pull_readings", "JOB301")
    assert "triggers the bug" in report["message"] and "failed->passed" in report["message"]
