"""``rootfix fix`` end to end on the nightshift fixture: a report that names a job registered with the project's
own scheduler decorator (no dotted path) resolves, the rule's fix is validated by its job-level regression test,
and the applied fix passes a run-twice check written independently of the rule."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_git_repo

PROJECT = Path(__file__).parent / "data" / "job_projects" / "nightshift"

pytestmark = pytest.mark.slow

REMINDERS_BUG = """\
component_type: scheduled-job
component_name: appointment reminder texts (send_due_reminders)
bug_description: Patients get the same reminder SMS every ten minutes until their appointment.
expected_behavior: Each reminder is texted once, when it falls due within 24 hours.
actual_behavior: The scheduler texts every due reminder again on every run; one patient got 140 texts.
"""

#: written without the rule: the job run twice texts each due reminder once
ACCEPTANCE = """\
from datetime import timedelta

import pytest
from django.utils import timezone

from ops import sms
from ops.models import Reminder
from ops.reminders import send_due_reminders


@pytest.mark.django_db
def test_second_run_sends_nothing_new():
    sms.SENT.clear()
    Reminder.objects.create(phone="+491", due_at=timezone.now() + timedelta(hours=1))
    send_due_reminders()
    send_due_reminders()
    assert len(sms.SENT) == 1
"""


def test_fix_reminders_job_found_through_registry_decorator(tmp_path: Path) -> None:
    repo = make_git_repo(PROJECT, tmp_path / "nightshift")
    bug = tmp_path / "bug.yaml"
    bug.write_text(REMINDERS_BUG)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(bug), "--repo", str(repo), "--python",
                           sys.executable, "--apply", "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "fixed"
    assert (report["root_cause"]["file"], report["root_cause"]["symbol"], report["root_cause"]["rule"]) == (
        "ops/reminders.py", "send_due_reminders", "JOB102")
    (repo / "tests" / "test_acceptance.py").write_text(ACCEPTANCE)
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_acceptance.py"],
                         cwd=repo, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
    shutil.rmtree(out, ignore_errors=True)
