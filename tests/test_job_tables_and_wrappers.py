"""Jobs handed to a scheduler through the project's own job table and wrapper, and a lock bug that lives
in a decorator's nested wrapper (tests/data/job_tables, see its README).

Both forms were missed before nested functions were indexed and ``add_job``'s argument was followed
through wrappers and loop variables: no scheduled-job component was found, and no rule saw the wrapper.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove

from rootfix.check.engine import run_check
from rootfix.discover.index import RepoIndex, outer_symbol
from rootfix.project.model import Project

PROJECT = Path(__file__).parent / "data" / "job_tables"


def test_jobs_of_a_job_table_are_scheduled_job_components() -> None:
    project = Project.of(RepoIndex.build(PROJECT))
    jobs = {c.name: c.symbol for c in project.components if c.type == "scheduled-job"}
    assert jobs == {"purge-expired": "purge_job", "daily-report": "report_job"}


def test_lock_released_on_success_only_in_a_decorator_wrapper_is_found_in_default_scope() -> None:
    result = run_check([PROJECT], root=PROJECT, select="JOB301", use_cache=False)
    found = [(f.code, f.file, f.line, outer_symbol(f.symbol)) for f in result.findings]
    # single_run's wrapper (line 16); single_run_safe releases in `finally` and stays quiet
    assert found == [("JOB301", "ops/locking.py", 16, "single_run")]


def test_nested_functions_are_indexed_under_their_python_qualname() -> None:
    index = RepoIndex.build(PROJECT)
    wrapper = index.functions["ops.locking.single_run.<locals>.decorator.<locals>.wrapper"]
    assert outer_symbol(wrapper.symbol) == "single_run"
    # the wrapper runs with every job it decorates, so it is in their reach
    purge = index.functions["ops.jobs.purge_job"]
    assert index.decorated_by(wrapper) == [purge]
    assert wrapper in [f for f, _ in index.reachable(purge, 3, implicit=True)]
    assert wrapper not in [f for f, _ in index.reachable(purge, 3)]


@pytest.mark.slow
def test_regression_test_runs_a_decorated_job_and_fails_before_the_fix(tmp_path: Path) -> None:
    repo = tmp_path / "job_tables"
    shutil.copytree(PROJECT, repo)
    b = fix_and_prove(repo, "JOB301", file="ops/locking.py")
    assert b.test_failed_before and "never released" in b.failure_before, b.output
    assert b.suite_passed_before and b.test_passed_after and b.suite_passed_after, b.output


@pytest.mark.slow
def test_local_date_regression_test_may_use_the_database(tmp_path: Path) -> None:
    """JOB403's test calls a helper that reads holidays: it fails before the fix for the class's reason
    (another date in the hours where the UTC date differs) and passes after it."""
    repo = tmp_path / "job403_calendar"
    shutil.copytree(PROJECT.parent / "job403_calendar", repo)
    b = fix_and_prove(repo, "JOB403", file="schools/calendar.py")
    assert b.finding.symbol == "planning_day"
    assert b.test_failed_before and "like the rest of the local day" in b.failure_before, b.output
    assert b.suite_passed_before and b.test_passed_after and b.suite_passed_after, b.output


def test_a_table_returned_by_a_function_and_a_lock_held_by_a_context_manager(tmp_path: Path) -> None:
    """APScheduler jobs listed by ``job_specs()`` (a function returning the table) and added through a
    wrapper; one of them holds a cache lock through a ``@contextmanager`` helper that deletes the key
    after its ``yield``: the ``with`` block's error is thrown in at the ``yield``, so the key stays."""
    files = {
        "sync/__init__.py": "",
        "sync/locks.py": (
            "from contextlib import contextmanager\n\nfrom django.core.cache import cache\n\n\n"
            "@contextmanager\ndef cache_lock(name):\n    key = 'lock:' + name\n"
            "    if not cache.add(key, 1, timeout=None):\n        yield False\n        return\n"
            "    yield True\n    cache.delete(key)\n"),
        "sync/jobs.py": (
            "from sync.locks import cache_lock\n\n\ndef fetch():\n    return 1\n\n\n"
            "def pull():\n    with cache_lock('pull') as acquired:\n        if not acquired:\n            return None\n"
            "        return fetch()\n\n\ndef prune():\n    return 0\n"),
        "sync/scheduler.py": (
            "import functools\n\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n\n"
            "from sync.jobs import prune, pull\n\n\n"
            "def logged(func):\n    @functools.wraps(func)\n    def wrapper(*a, **k):\n        return func(*a, **k)\n"
            "    return wrapper\n\n\n"
            "def job_specs():\n    return [\n        ('pull', pull, 'interval'),\n        ('prune', prune, 'cron'),\n    ]\n\n\n"
            "def build():\n    scheduler = BlockingScheduler()\n"
            "    for job_id, func, trigger in job_specs():\n"
            "        scheduler.add_job(logged(func), trigger=trigger, id=job_id)\n    return scheduler\n"),
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    project = Project.of(RepoIndex.build(tmp_path))
    jobs = {c.name: c.symbol for c in project.components if c.type == "scheduled-job"}
    assert jobs == {"pull": "pull", "prune": "prune"}
    result = run_check([tmp_path], root=tmp_path, select="JOB301", use_cache=False)
    assert [(f.file, f.line) for f in result.findings] == [("sync/locks.py", 9)]
