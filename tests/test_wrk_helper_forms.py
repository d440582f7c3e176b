"""W1/W2 forms reached through project code the task does not spell out itself, proven on a real project.

The project (tests/data/wrk_projects/kennel) holds two planted bugs:

* a project decorator (``@audited``) whose wrapper swallows the celery Retry of the task it wraps (WRK101):
  the regression test replays the project's tests of a wrapped task with its guarded call raising Retry and
  requires the retry to reach Celery;
* a connection returned by a project helper (``records.connect_registry()``: the helper opens it, the task
  owns it) closed on the success path only (WRK201): the regression test makes the helper hand out a tracked
  connection whose first use fails and requires it to be closed anyway.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_git_repo
from rule_behaviour import fix_and_prove

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
KENNEL = Path(__file__).parent / "data" / "wrk_projects" / "kennel"

#: code -> (file, symbol of the finding, a phrase the regression test's failure on the buggy code must show)
PLANTED = {
    "WRK101": ("boarding/audit.py", "audited", "swallowed by the decorator"),
    "WRK201": ("boarding/tasks.py", "import_vaccinations", "was left open when a query on it failed"),
}


def test_kennel_holds_exactly_the_planted_bugs() -> None:
    index = RepoIndex.build(KENNEL)
    found = {(f.code, f.file, f.symbol) for code in ("WRK101", "WRK201")
             for f in REGISTRY[code]().check(CheckContext(index))}
    assert found == {(code, file, symbol) for code, (file, symbol, _) in PLANTED.items()}


def test_helper_connection_fix_covers_the_helper_call() -> None:
    index = RepoIndex.build(KENNEL)
    rule = REGISTRY["WRK201"]()
    finding = next(iter(rule.check(CheckContext(index))))
    fixed = rule.fix(index, finding).changes[0].new
    assert "with closing(records.connect_registry()) as conn:\n        chips = records.vaccinated_chips(conn)\n" \
        in fixed
    assert "conn.close()" not in fixed


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(PLANTED))
def test_fix_is_proven_by_its_regression_test(code: str, tmp_path: Path) -> None:
    file, symbol, why = PLANTED[code]
    repo = make_git_repo(KENNEL, tmp_path / "kennel")
    result = fix_and_prove(repo, code)
    assert (result.finding.file, result.finding.symbol) == (file, symbol)
    assert result.test_failed_before, result.output
    assert why in result.output, result.output
    assert result.test_passed_after, result.output
    assert result.suite_passed_after, result.output
