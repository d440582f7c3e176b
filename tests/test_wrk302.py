"""WRK302 on a two-database project (tests/data/wrk302_ledger): found in the receiver that registers its
``on_commit`` on ``default`` while the entry is saved in ``atomic(using="ledger")``, quiet on the receiver that
passes ``using=`` and on a one-database ``atomic()``; the fix is proven by the replayed project tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

PROJECT = Path(__file__).parent / "data" / "wrk302_ledger"


def _copy(tmp_path: Path) -> Path:
    repo = tmp_path / "ledger"
    shutil.copytree(PROJECT, repo, ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3"))
    return repo


def test_found_in_the_receiver_only(tmp_path: Path) -> None:
    load_all_rules()
    found = list(REGISTRY["WRK302"]().check(CheckContext(RepoIndex.build(_copy(tmp_path)))))
    assert [(f.file, f.symbol) for f in found] == [("books/signals.py", "entry_posted")]
    assert 'atomic(using="ledger")' in found[0].message


@pytest.mark.slow
def test_fix_is_proven_by_the_replayed_tests(tmp_path: Path) -> None:
    got = fix_and_prove(_copy(tmp_path), "WRK302")
    assert got.test_failed_before, got.output
    assert "registered on 'default'" in got.failure_before, got.failure_before
    assert got.suite_passed_before, got.output
    assert got.test_passed_after and got.suite_passed_after, got.output
