"""JOB102's run-twice oracle reruns the job the way the project's test ran it.

A project test that runs ``email_usage_alerts(today=date(2024, 3, 6))`` sees the alerts of that week; a rerun
with no arguments looks at the real today's week, finds nothing, and "proves" nothing either way. The generated
regression test records the arguments of the scenario's last call to the job (a profile hook on the job's code,
whatever name the test imported it under) and reruns it with them. Also here: the done-marker named after what
was sent (``owner_email_sent_at``) is a marker.
"""
from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_git_repo
from rootfix.regress.render import render
from rootfix.rules.job._lib.replay import module_function_entry

PROJECT = Path(__file__).parent / "data" / "job_projects" / "gridmeter"

ALERTS_BUG = """\
component_type: scheduled-job
component_name: email_usage_alerts (APScheduler, every morning 07:00)
bug_description: Owners get the same high-usage email every morning for a week after a single high-usage day.
expected_behavior: One email per high-usage alert.
actual_behavior: The job emails every alert of the last seven days again on each run; "owner email sent at" stays empty.
"""


def _helper():
    ns: dict = {}
    exec(render(("job_called_with",), {}, pytest_style=True), ns)  # the source the generated test carries
    return ns["_called_with"]


def job(day, /, today=None, *extra, dry_run=False, **more):
    return day


def test_records_the_last_call_whatever_the_parameter_kinds() -> None:
    called_with = _helper()
    alias = job  # the test imported it under another name
    recorded = called_with(job, lambda: (alias(1), alias(2, "2024-03-06", "x", dry_run=True, site="a")))
    assert recorded == ([2, "x"], {"today": "2024-03-06", "dry_run": True, "site": "a"})
    assert called_with(job, lambda: None) is None


def test_decorated_job_is_unwrapped() -> None:
    @functools.wraps(job)
    def registered(*args, **kwargs):
        return job(*args, **kwargs)

    assert _helper()(registered, lambda: registered(5, today="t")) == ([5], {"today": "t", "dry_run": False})


def test_only_module_functions_are_rerun_with_recorded_arguments() -> None:
    assert module_function_entry("_job_module.email_usage_alerts()") == "_job_module.email_usage_alerts"
    assert module_function_entry("call_command('send_alerts')") is None
    assert module_function_entry("_job_module.Alerts().run()") is None


@pytest.mark.slow
def test_job_run_for_a_fixed_day_by_its_test_is_fixed_end_to_end(tmp_path: Path) -> None:
    repo = make_git_repo(PROJECT, tmp_path / "gridmeter")
    bug = tmp_path / "bug.yaml"
    bug.write_text(ALERTS_BUG)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(bug), "--repo", str(repo), "--python",
                           sys.executable, "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "fixed"
    assert (report["root_cause"]["file"], report["root_cause"]["symbol"], report["root_cause"]["rule"]) == (
        "meters/alerts.py", "email_usage_alerts", "JOB102")
    assert "failed->passed" in report["message"]
