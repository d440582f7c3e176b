"""CMD101 on a real project: the ex-cli-args library, whose --dry-run was ignored."""
from __future__ import annotations

import shutil

from rule_behaviour import fix_and_prove, pytest_run


def test_cmd101_fix_makes_dry_run_work(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-cli-args"
    repo = project_repo("repo", base=case)
    result = fix_and_prove(repo, "CMD101")
    assert result.finding.file == "loans/management/commands/send_overdue_notices.py"
    assert result.finding.symbol == "Command.handle"
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output
    # the acceptance test the tool never sees passes with the fix
    shutil.copy(case / "hidden_test.py", repo / "tests" / "test_example_case.py")
    code, out = pytest_run(repo)
    assert code == 0, out
