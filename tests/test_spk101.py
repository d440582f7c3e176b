"""SPK101 on a real project: the ex-ps-union photo service whose upload stats mixed up columns."""
from __future__ import annotations

import shutil

from rule_behaviour import fix_and_prove, pytest_run

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import CheckContext, load_all_rules


def test_spk101_fix_unions_by_name(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-ps-union"
    repo = project_repo("repo", base=case)
    # album_usage() unions two sides shaped by the same select(*USAGE_COLUMNS): correct, and quiet
    rule = load_all_rules()["SPK101"]()
    findings = list(rule.check(CheckContext(RepoIndex.build(repo))))
    assert [(f.file, f.symbol) for f in findings] == [("analytics/jobs/upload_stats.py", "combine_uploads")]
    result = fix_and_prove(repo, "SPK101")
    assert result.test_failed_before and result.test_passed_after and result.suite_passed_after, result.output
    assert "web.unionByName(mobile)" in (repo / "analytics" / "jobs" / "upload_stats.py").read_text()
    # the acceptance test the tool never sees passes with the fix
    shutil.copy(case / "hidden_test.py", repo / "tests" / "test_example_case.py")
    code, out = pytest_run(repo)
    assert code == 0, out
