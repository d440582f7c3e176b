"""W1/W2/W6 fixes proven on a real Django project: the rule's regression test fails on the planted bug,
passes once the rule's fix is applied, and the project's own test suite still passes.

The project (tests/data/wrk_projects/depot) is a small CRM service: a Celery app, pytest-django, eager
tasks in its test settings and tests that run every task; ``crm/tasks.py`` holds one planted bug per rule.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import make_git_repo
from rule_behaviour import fix_and_prove, suite_run

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()
DEPOT = Path(__file__).parent / "data" / "wrk_projects" / "depot"

#: code -> (symbol of the finding, a phrase the regression test's failure on the buggy code must show)
PLANTED = {
    "WRK102": ("sync_contact", "NameError"),
    "WRK103": ("enrich_contact", "the task ran on after asking for a retry"),
    "WRK104": ("geocode_contact", "the task neither asked Celery to retry nor re-raised the error"),
    "WRK105": ("export_contacts", "autoretry on every exception without retry_backoff"),
    "WRK201": ("import_legacy_contacts", "was left open when a query on it failed"),
    "WRK202": ("verify_mailboxes", "were left open when the task returned"),
    "WRK601": ("recompute_scores", "loads every Contact into memory at once"),
}
W_CODES = ("WRK101", *PLANTED, "WRK602")


def _findings(repo: Path, code: str):
    return list(REGISTRY[code]().check(CheckContext(RepoIndex.build(repo))))


def test_depot_holds_exactly_the_planted_bugs() -> None:
    found = {(f.code, f.file, f.symbol) for code in W_CODES for f in _findings(DEPOT, code)}
    assert found == {(code, "crm/tasks.py", symbol) for code, (symbol, _) in PLANTED.items()}


@pytest.fixture(scope="module")
def depot_repo(tmp_path_factory):
    """A fresh committed copy of depot per call, cloned from one prepared copy."""
    prepared = make_git_repo(DEPOT, tmp_path_factory.mktemp("depot-prepared") / "depot")

    def clone() -> Path:
        dest = tmp_path_factory.mktemp("depot") / "depot"
        subprocess.run(["git", "clone", "-q", str(prepared), str(dest)], check=True, capture_output=True)
        return dest

    return clone


@pytest.mark.slow
def test_depot_suite_passes_as_shipped(depot_repo) -> None:
    run = suite_run(depot_repo(), "-rs")
    assert run.returncode == 0 and run.outcomes, run.output
    assert all(o.outcome == "passed" for o in run.outcomes.values()), run.output


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(PLANTED))
def test_fix_is_proven_by_its_regression_test(code: str, depot_repo) -> None:
    symbol, why = PLANTED[code]
    repo = depot_repo()
    before_source = (repo / "crm" / "tasks.py").read_text()

    result = fix_and_prove(repo, code)

    assert (result.finding.file, result.finding.symbol) == ("crm/tasks.py", symbol)
    # beside the project's own tests (crm/tests.py), where its runner collects test_*.py
    assert result.test_path.startswith("crm/test_rootfix_"), result.test_path
    assert result.test_failed_before, result.output
    # it failed for the bug's reason, not because the generated test is broken
    assert why in result.failure_before and "Error collecting" not in result.output, result.output
    assert result.suite_passed_before, result.output
    assert result.test_passed_after, result.output
    assert result.suite_passed_after, result.output
    assert (repo / "crm" / "tasks.py").read_text() != before_source
    # the replayed scenarios ran (a regression test that only skips proves nothing)
    assert result.skipped_after == 0, result.output
    assert not _findings(repo, code), f"{code} still reports after its fix"
