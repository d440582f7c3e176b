"""JOB401 on a real project: the ex-sj-timezone fleet service whose days were cut at UTC midnight."""
from __future__ import annotations

import pytest
from rule_behaviour import fix_and_prove

HIDDEN = "tests/test_example_case.py"


@pytest.mark.slow
def test_job401_fix_uses_local_days(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-sj-timezone"
    repo = project_repo("repo", base=case)
    # the acceptance test the tool never sees goes in with the fix: it must pass with the whole suite
    result = fix_and_prove(repo, "JOB401", extra_tests={HIDDEN: (case / "hidden_test.py").read_text()})
    assert (result.finding.file, result.finding.symbol) == ("telemetry/summaries.py", "day_bounds")
    assert result.proven, result.output
    assert result.passed_after(HIDDEN), result.output
