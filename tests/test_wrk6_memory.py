"""WRK601/WRK602 and WRK201 stay quiet on the example projects' correct code (their decoys included)."""
from __future__ import annotations

from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
CASES = ["ex-bw-on-commit", "ex-bw-retry", "ex-cli-args", "ex-ps-union", "ex-sj-duplicates", "ex-sj-timezone"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("code", ["WRK201", "WRK601", "WRK602"])
def test_quiet_on_example_repos(examples_dir: Path, case: str, code: str) -> None:
    index = RepoIndex.build(examples_dir / "cases" / case / "repo")
    assert list(REGISTRY[code]().check(CheckContext(index))) == []


def test_wrk601_follows_a_task_into_its_helper_and_fixes_the_loop(tmp_path: Path) -> None:
    ex = REGISTRY["WRK601"].INVALID[1]
    for rel, text in ex.all_files().items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    index = RepoIndex.build(tmp_path)
    rule = REGISTRY["WRK601"]()
    found = sorted(rule.check(CheckContext(index)), key=lambda f: f.line)
    assert [(f.symbol, f.fixable) for f in found] == [("_dormant_customers", False), ("deactivate_dormant", True)]
    # the loop variable is evaluated only by the loop: safe
    assert found[1].fix_safety == "safe"
    patch = rule.fix(index, found[1])
    assert "for customer in stale.iterator(chunk_size=2000):" in patch.changes[0].new
