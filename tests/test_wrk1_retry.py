"""WRK101..WRK105 on real projects: find, fix, and prove with the project's own tests."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

from conftest import make_git_repo

load_all_rules()


def _pytest(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=repo,
                          capture_output=True, text=True, timeout=600)


def _findings(repo: Path, code: str):
    return list(REGISTRY[code]().check(CheckContext(RepoIndex.build(repo))))


def test_wrk101_fixes_ex_bw_retry_and_passes_the_hidden_test(examples_dir: Path, tmp_path: Path) -> None:
    case = examples_dir / "cases" / "ex-bw-retry"
    repo = make_git_repo(case / "repo", tmp_path / "repo")
    index = RepoIndex.build(repo)
    rule = REGISTRY["WRK101"]()
    findings = list(rule.check(CheckContext(index)))
    assert [(f.file, f.symbol) for f in findings] == [("newsletter/tasks.py", "deliver_issue")]
    test_path, source = rule.regression_test(index, findings[0])
    patch = rule.fix(index, findings[0])
    (repo / test_path).write_text(source)

    before = _pytest(repo, test_path)
    assert before.returncode == 1 and "swallowed" in before.stdout, before.stdout[-3000:]

    for change in patch.changes:
        (repo / change.path).write_text(change.new)
    assert "except Retry:" in (repo / "newsletter/tasks.py").read_text()
    after = _pytest(repo, test_path)
    assert after.returncode == 0, after.stdout[-3000:]

    shutil.copy(case / "hidden_test.py", repo / "tests" / "test_example_case.py")
    suite = _pytest(repo)
    assert suite.returncode == 0, suite.stdout[-3000:]
    assert not _findings(repo, "WRK101")


@pytest.mark.parametrize("case", ["ex-bw-on-commit", "ex-cli-args", "ex-ps-union", "ex-sj-duplicates",
                                  "ex-sj-timezone"])
def test_w1_rules_are_quiet_on_the_other_example_repos(examples_dir: Path, case: str) -> None:
    repo = examples_dir / "cases" / case / "repo"
    for code in ("WRK101", "WRK102", "WRK103", "WRK104", "WRK105"):
        assert _findings(repo, code) == [], code


def test_w1_only_deliver_issue_in_ex_bw_retry(examples_dir: Path) -> None:
    repo = examples_dir / "cases" / "ex-bw-retry" / "repo"
    found = [(f.code, f.symbol) for code in ("WRK101", "WRK102", "WRK103", "WRK104", "WRK105")
             for f in _findings(repo, code)]
    assert found == [("WRK101", "deliver_issue")]
