"""SPK101 on a real project: the ex-ps-union photo service whose upload stats mixed up columns (local Spark)."""
from __future__ import annotations

import pytest
from rule_behaviour import fix_and_prove

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import CheckContext, load_all_rules

HIDDEN = "tests/test_example_case.py"


def test_spk101_finds_only_the_union_by_position(examples_dir) -> None:
    # album_usage() unions two sides shaped by the same select(*USAGE_COLUMNS): correct, and quiet
    rule = load_all_rules()["SPK101"]()
    findings = list(rule.check(CheckContext(RepoIndex.build(examples_dir / "cases" / "ex-ps-union" / "repo"))))
    assert [(f.file, f.symbol) for f in findings] == [("analytics/jobs/upload_stats.py", "combine_uploads")]


@pytest.mark.slow
def test_spk101_fix_unions_by_name(examples_dir, project_repo) -> None:
    case = examples_dir / "cases" / "ex-ps-union"
    repo = project_repo("repo", base=case)
    # the acceptance test the tool never sees goes in with the fix: it must pass with the whole suite
    result = fix_and_prove(repo, "SPK101", extra_tests={HIDDEN: (case / "hidden_test.py").read_text()})
    assert (result.finding.file, result.finding.symbol) == ("analytics/jobs/upload_stats.py", "combine_uploads")
    assert result.proven, result.output
    assert result.passed_after(HIDDEN), result.output
    assert "web.unionByName(mobile)" in (repo / "analytics" / "jobs" / "upload_stats.py").read_text()
