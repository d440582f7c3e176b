"""JOB101 on a real project: the ex-sj-duplicates clinic service whose hourly reminder job texted patients twice."""
from __future__ import annotations

import pytest
from rule_behaviour import fix_and_prove

HIDDEN = "tests/test_example_case.py"


@pytest.mark.slow
def test_job101_fix_makes_reminders_idempotent(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-sj-duplicates"
    repo = project_repo("repo", base=case)
    # the acceptance test the tool never sees goes in with the fix: it must pass with the whole suite
    result = fix_and_prove(repo, "JOB101", extra_tests={HIDDEN: (case / "hidden_test.py").read_text()})
    assert (result.finding.file, result.finding.symbol) == ("appointments/jobs.py", "send_appointment_reminders")
    assert result.proven, result.output
    assert result.passed_after(HIDDEN), result.output
    fixed = (repo / "appointments" / "jobs.py").read_text()
    assert 'defaults={"sent_at": now}' in fixed and "sent_at=now" not in fixed
