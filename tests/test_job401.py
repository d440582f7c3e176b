"""JOB401 on a real project: the ex-sj-timezone fleet service whose days were cut at UTC midnight."""
from __future__ import annotations

import shutil

from rule_behaviour import fix_and_prove, pytest_run


def test_job401_fix_uses_local_days(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-sj-timezone"
    repo = project_repo("repo", base=case)
    result = fix_and_prove(repo, "JOB401")
    assert (result.finding.file, result.finding.symbol) == ("telemetry/summaries.py", "day_bounds")
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output
    shutil.copy(case / "hidden_test.py", repo / "tests" / "test_example_case.py")
    code, out = pytest_run(repo)
    assert code == 0, out
