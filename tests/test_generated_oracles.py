"""Oracles that prove a fix when no test of the project reaches the code (issue 8, item 3).

``tests/data/oracle_projects/tillbox`` is a real Django + Celery project whose only test does not reach
the buggy code. The rule's regression test is then a *generated run*: the function (W3: the one that
opens the transaction; W1: the task) runs on the test database with instances built from the models'
fields, with the class invariant checked — publish only after commit (W3), the error listed in
``autoretry_for`` injected at the guarded call must make the task retry (W1). It must fail on the old code
and pass on the fixed code, and the project's suite must still pass.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove

PROJECT = Path(__file__).parent / "data" / "oracle_projects" / "tillbox"


@pytest.mark.parametrize(("code", "where"), [("WRK301", ("shop/services.py", "place_order")),
                                             ("WRK101", ("shop/tasks.py", "sync_order"))])
def test_generated_run_fails_before_and_passes_after_the_fix(code: str, where: tuple[str, str],
                                                             tmp_path: Path) -> None:
    repo = tmp_path / "tillbox"
    shutil.copytree(PROJECT, repo)
    result = fix_and_prove(repo, code)
    assert (result.finding.file, result.finding.symbol) == where
    source = (repo / result.test_path).read_text()
    assert "generated" in source and "TestCase" in source
    assert result.test_failed_before, result.output
    assert result.test_passed_after and result.suite_passed_after, result.output
