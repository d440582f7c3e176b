"""Stage 4 without generation: the report's reproduce (node ids or a command), else the failing tests."""
from __future__ import annotations

import sys
import textwrap

import pytest

from conftest import make_git_repo
from rootfix.intake.traceback import parse_error_message
from rootfix.reproduce.runner import exception_in, looks_like_nodeids, matches_error, reproduce
from rootfix.types import BugReport
from rootfix.validate.runner import run_tests
from rootfix.validate.worktree import isolated_checkout

PY = sys.executable

ERROR = textwrap.dedent("""\
    Traceback (most recent call last):
      File "/app/kitchen/tasks.py", line 22, in print_kitchen_ticket
        .get(pk=order_id)
      File "/app/.venv/lib/python3.11/site-packages/django/db/models/query.py", line 633, in get
        raise self.model.DoesNotExist(
    orders.models.Order.DoesNotExist: Order matching query does not exist.
    """)


def report(**kw) -> BugReport:
    base = dict(component_type="background-worker", component_name="print_kitchen_ticket",
                bug_description="d", expected_behavior="e", actual_behavior="a")
    base.update(kw)
    return BugReport(**base)


@pytest.fixture(scope="module")
def project_repo_only(tmp_path_factory):
    src = tmp_path_factory.mktemp("src") / "proj"
    (src / "tests").mkdir(parents=True)
    (src / "pytest.ini").write_text("[pytest]\n")
    (src / "tests" / "test_orders.py").write_text(textwrap.dedent("""\
        class DoesNotExist(Exception):
            pass

        def test_ticket():
            raise DoesNotExist("Order matching query does not exist.")

        def test_fine():
            pass
        """))
    return make_git_repo(src, src.parent / "repo")


@pytest.fixture(scope="module")
def project(project_repo_only):
    """The repo and its baseline run (in a worktree)."""
    repo = project_repo_only
    with isolated_checkout(repo) as wt:
        baseline = run_tests(wt, PY, timeout=60)
    return repo, baseline


@pytest.mark.slow
def test_reproduce_nodeid_from_the_baseline_and_error_match(project):
    repo, baseline = project
    r = reproduce(repo, PY, report(reproduce="tests/test_orders.py::test_ticket", error_message=ERROR),
                  baseline=baseline, timeout=60)
    assert r.kind == "report-nodeid" and r.targets == ("tests/test_orders.py::test_ticket",)
    assert r.reproduced and r.matched_error is True
    assert r.exc_type.endswith("DoesNotExist")

    other = "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\nKeyError: 'order'\n"
    r = reproduce(repo, PY, report(reproduce="tests/test_orders.py::test_ticket", error_message=other),
                  baseline=baseline, timeout=60)
    assert r.reproduced and r.matched_error is False


@pytest.mark.slow
def test_reproduce_nodeid_runs_when_no_baseline(project):
    repo, _ = project
    r = reproduce(repo, PY, report(reproduce="tests/test_orders.py::test_fine"), baseline=None, timeout=60)
    assert r.kind == "report-nodeid" and not r.reproduced and r.matched_error is None


@pytest.mark.slow
def test_reproduce_shell_command_with_the_projects_python(project, tmp_path):
    repo, baseline = project
    out = tmp_path / "which"
    cmd = f"python -c \"import sys; open('{out}', 'w').write(sys.prefix); sys.exit(3)\""
    r = reproduce(repo, PY, report(reproduce=cmd), baseline=baseline, timeout=60)
    assert r.kind == "report-command" and r.command == cmd and r.reproduced
    assert out.read_text() == sys.prefix  # `python` was the project's interpreter
    r = reproduce(repo, PY, report(reproduce="python -c 'pass'"), baseline=baseline, timeout=60)
    assert r.kind == "report-command" and not r.reproduced


@pytest.mark.slow
def test_failing_tests_or_nothing(project):
    repo, baseline = project
    r = reproduce(repo, PY, report(), baseline=baseline, timeout=60)
    assert r.kind == "failing-tests" and r.targets == ("tests/test_orders.py::test_ticket",) and r.reproduced
    green = baseline.__class__(command=(), returncode=0, outcomes=tuple(o for o in baseline.outcomes
                                                                       if o.outcome == "passed"), duration=0.0)
    assert reproduce(repo, PY, report(), baseline=green, timeout=60).kind == "none"


def test_looks_like_nodeids(project_repo_only):
    repo = project_repo_only
    assert looks_like_nodeids("tests/test_orders.py", repo) == ["tests/test_orders.py"]
    assert looks_like_nodeids("tests/test_orders.py::test_ticket tests/x.py::t", repo) == [
        "tests/test_orders.py::test_ticket", "tests/x.py::t"]
    assert looks_like_nodeids("tests", repo) == ["tests"]
    assert looks_like_nodeids("python manage.py send_overdue_notices --dry-run", repo) is None


def test_matches_error_on_pytest_output():
    parsed = parse_error_message(ERROR)
    pytest_out = ("E       orders.models.Order.DoesNotExist: Order matching query does not exist.\n"
                  "tests/test_example_case.py:31: DoesNotExist")
    assert matches_error(pytest_out, parsed)
    assert not matches_error("E   AssertionError: assert 0 == 1", parsed)
    assert not matches_error("E   orders.models.Order.DoesNotExist: Table is locked", parsed)
    assert not matches_error(pytest_out, parse_error_message("no error, the job succeeds"))
    assert exception_in(pytest_out) == ("orders.models.Order.DoesNotExist", "Order matching query does not exist.")


def test_failures_unrelated_to_the_report_are_not_a_reproduction(project):
    repo, baseline = project
    # the baseline fails with DoesNotExist; a report of a KeyError is not reproduced by it
    other = "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\nKeyError: 'order'\n"
    r = reproduce(repo, PY, report(error_message=other), baseline=baseline, timeout=60)
    assert r.kind == "none" and not r.reproduced
    assert "do not fail with KeyError" in r.note and "tests/test_orders.py::test_ticket" in r.note
    r = reproduce(repo, PY, report(error_message=ERROR), baseline=baseline, timeout=60)
    assert r.kind == "failing-tests" and r.reproduced and r.matched_error is True


@pytest.mark.slow
def test_a_timed_out_baseline_is_not_a_reproduction(tmp_path):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "pytest.ini").write_text("[pytest]\n")
    (src / "tests" / "test_slow.py").write_text(textwrap.dedent("""\
        import time

        def test_fine():
            pass

        def test_hangs():
            time.sleep(1000)
        """))
    repo = make_git_repo(src, tmp_path / "repo")
    with isolated_checkout(repo) as wt:
        baseline = run_tests(wt, PY, timeout=5)
    assert baseline.timed_out and baseline.failed == 0 and baseline.passed == 1
    r = reproduce(repo, PY, report(error_message=ERROR), baseline=baseline, timeout=5)
    assert not r.reproduced and r.kind == "none"
    assert "baseline timed out" in r.note
    # the report's own node id, killed by the timeout: unknown, not reproduced
    r = reproduce(repo, PY, report(reproduce="tests/test_slow.py::test_hangs"), baseline=baseline, timeout=5)
    assert r.kind == "report-nodeid" and not r.reproduced and "timed out" in r.note
    r = reproduce(repo, PY, report(reproduce="python -c 'import time; time.sleep(100)'"), baseline=baseline,
                  timeout=3)
    assert r.kind == "report-command" and not r.reproduced and "timed out" in r.note
