"""CMD101 on a real project: the ex-cli-args library, whose --dry-run was ignored."""
from __future__ import annotations

import pytest
from rule_behaviour import fix_and_prove

HIDDEN = "tests/test_example_case.py"


@pytest.mark.slow
def test_cmd101_fix_makes_dry_run_work(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-cli-args"
    repo = project_repo("repo", base=case)
    # the acceptance test the tool never sees goes in with the fix: it must pass with the whole suite
    result = fix_and_prove(repo, "CMD101", extra_tests={HIDDEN: (case / "hidden_test.py").read_text()})
    assert result.finding.file == "loans/management/commands/send_overdue_notices.py"
    assert result.finding.symbol == "Command.handle"
    assert result.proven, result.output
    assert result.passed_after(HIDDEN), result.output
