"""JOB101 on a real project: the ex-sj-duplicates clinic service whose hourly reminder job texted patients twice."""
from __future__ import annotations

import shutil

from rule_behaviour import fix_and_prove, pytest_run


def test_job101_fix_makes_reminders_idempotent(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-sj-duplicates"
    repo = project_repo("repo", base=case)
    result = fix_and_prove(repo, "JOB101")
    assert (result.finding.file, result.finding.symbol) == ("appointments/jobs.py", "send_appointment_reminders")
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output
    fixed = (repo / "appointments" / "jobs.py").read_text()
    assert 'defaults={"sent_at": now}' in fixed and "sent_at=now" not in fixed
    # the acceptance test the tool never sees passes with the fix
    shutil.copy(case / "hidden_test.py", repo / "tests" / "test_example_case.py")
    code, out = pytest_run(repo)
    assert code == 0, out
