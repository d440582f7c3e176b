"""The test runner: real pytest / manage.py test processes of small projects made in tmp_path (slow)."""
from __future__ import annotations

import os
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rootfix.errors import UsageError
from rootfix.validate.runner import (
    SESSION_NODEID,
    TIMEOUT,
    detect_test_command,
    find_python,
    run_tests,
    stable_failing,
    target_status,
)

PY = sys.executable


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    return root


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead for our purposes
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_find_python(tmp_path):
    assert find_python(tmp_path) == sys.executable
    venv_py = tmp_path / ".venv" / "bin" / "python"
    venv_py.parent.mkdir(parents=True)
    venv_py.symlink_to(sys.executable)
    assert find_python(tmp_path) == str(venv_py)
    assert find_python(tmp_path, sys.executable) == sys.executable
    with pytest.raises(UsageError, match="--python .*no-such-python"):
        find_python(tmp_path, str(tmp_path / "no-such-python"))


def test_detect_test_command(tmp_path):
    assert detect_test_command(tmp_path, "pytest -x tests/unit") == ["pytest", "-x", "tests/unit"]
    (tmp_path / "manage.py").write_text("")
    assert detect_test_command(tmp_path) == ["python", "manage.py", "test"]
    (tmp_path / "setup.cfg").write_text("[tool:pytest]\nDJANGO_SETTINGS_MODULE = x\n")
    assert detect_test_command(tmp_path) == ["python", "-m", "pytest"]


@pytest.mark.slow
def test_a_test_failing_only_after_another_is_not_flaky(tmp_path):
    # one test leaves a state behind that breaks a later one (as a generated test that changes a project
    # test's marks would): it passes alone, fails in every whole run, and must stay a failure
    proj = write(tmp_path / "proj", {
        "pytest.ini": "[pytest]\ntestpaths = tests\n",
        "tests/state.py": "LEFT = []\n",
        "tests/test_a_polluter.py": """
            from tests import state

            def test_leaves_state():
                state.LEFT.append(1)
        """,
        "tests/test_b_victim.py": """
            from tests import state

            def test_needs_clean_state():
                assert not state.LEFT, "left behind by an earlier test"
        """,
        "tests/__init__.py": "",
    })
    run = run_tests(proj, PY, timeout=120)
    assert run.flaky == ()
    assert stable_failing(run) == {"tests/test_b_victim.py::test_needs_clean_state"}


@pytest.mark.slow
def test_outcomes_collection_errors_and_reruns(tmp_path):
    marker = tmp_path / "flaky-marker"
    proj = write(tmp_path / "proj", {
        "pytest.ini": "[pytest]\ntestpaths = tests\n",
        "tests/test_mixed.py": f"""
            import os
            import pytest

            def test_ok():
                pass

            def test_fails():
                assert 1 == 2, "one is not two"

            class TestGroup:
                @pytest.mark.parametrize("x", [1, "a b"])
                def test_param(self, x):
                    assert x == 1

            def test_flaky():
                # fails the first time, passes on the rerun
                if not os.path.exists({str(marker)!r}):
                    open({str(marker)!r}, "w").close()
                    raise AssertionError("first run")

            @pytest.mark.skip(reason="not today")
            def test_skipped():
                pass
        """,
        "tests/test_broken.py": "import module_that_does_not_exist\n\ndef test_never():\n    pass\n",
    })
    run = run_tests(proj, PY, timeout=120)
    by_id = {o.nodeid: o for o in run.outcomes}
    assert by_id["tests/test_mixed.py::test_ok"].outcome == "passed"
    assert by_id["tests/test_mixed.py::test_fails"].outcome == "failed"
    assert "one is not two" in by_id["tests/test_mixed.py::test_fails"].message
    assert by_id["tests/test_mixed.py::TestGroup::test_param[1]"].outcome == "passed"
    assert by_id["tests/test_mixed.py::TestGroup::test_param[a b]"].outcome == "failed"
    assert by_id["tests/test_mixed.py::test_skipped"].outcome == "skipped"
    # the import error is a failure, not a silently missing file
    broken = by_id["tests/test_broken.py"]
    assert broken.outcome == "error" and "module_that_does_not_exist" in broken.message
    # rerun: the flaky test is told apart from the real failures
    assert run.flaky == ("tests/test_mixed.py::test_flaky",)
    assert stable_failing(run) == {"tests/test_mixed.py::test_fails", "tests/test_mixed.py::TestGroup::test_param[a b]",
                                   "tests/test_broken.py"}
    assert target_status(run, ["tests/test_mixed.py::test_flaky"]) == "flaky"
    assert target_status(run, ["tests/test_broken.py"]) == "failed"
    assert target_status(run, ["tests/test_mixed.py::test_ok"]) == "passed"
    assert target_status(run, ["tests/test_other.py"]) == "missing"
    # the JUnit report was written outside the project
    assert not list(proj.rglob("*.xml"))

    only = run_tests(proj, PY, nodeids=["tests/test_mixed.py::test_ok"], timeout=60)
    assert [o.nodeid for o in only.outcomes] == ["tests/test_mixed.py::test_ok"]


@pytest.mark.slow
def test_conftest_error_is_a_failure(tmp_path):
    proj = write(tmp_path / "proj", {
        "pytest.ini": "[pytest]\n",
        "conftest.py": "raise RuntimeError('broken conftest')\n",
        "test_a.py": "def test_a():\n    pass\n",
    })
    run = run_tests(proj, PY, timeout=60)
    assert run.failing, run.output
    assert SESSION_NODEID in run.failing
    assert "broken conftest" in run.output


@pytest.mark.slow
def test_timeout_kills_the_process_group(tmp_path):
    pidfile = tmp_path / "grandchild.pid"
    proj = write(tmp_path / "proj", {
        "pytest.ini": "[pytest]\n",
        "test_hang.py": f"""
            import subprocess, time

            def test_before():
                pass

            def test_fails_before():
                assert 1 == 2

            def test_hang():
                child = subprocess.Popen(["sleep", "1000"])
                open({str(pidfile)!r}, "w").write(str(child.pid))
                while True:
                    time.sleep(1)
        """,
    })
    start = time.monotonic()
    run = run_tests(proj, PY, timeout=6)
    assert time.monotonic() - start < 40
    assert run.timed_out and run.returncode is None
    # a timeout is not a failing test: what ran before the kill is kept, the rest is unknown
    by_id = {o.nodeid: o.outcome for o in run.outcomes}
    assert by_id["test_hang.py::test_before"] == "passed"
    assert by_id["test_hang.py::test_fails_before"] == "failed"
    assert by_id[SESSION_NODEID] == TIMEOUT
    assert run.failing == {"test_hang.py::test_fails_before"}
    assert target_status(run, ["test_hang.py::test_hang"]) == "timeout"
    assert target_status(run, ["test_hang.py::test_before"]) == "passed"
    assert "timed out after 6s" in run.output
    grandchild = int(pidfile.read_text())
    deadline = time.monotonic() + 5
    while pid_alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pid_alive(grandchild), "the test's child process survived the timeout"


@pytest.mark.slow
def test_output_is_capped(tmp_path):
    proj = write(tmp_path / "proj", {
        "pytest.ini": "[pytest]\n",
        "test_loud.py": "def test_loud():\n    print('x' * 200_000)\n    assert False\n",
    })
    run = run_tests(proj, PY, timeout=60, rerun_failures=0)
    assert len(run.output) <= 20_100
    assert "1 failed" in run.output  # the tail (the summary) is what is kept


@pytest.mark.slow
def test_manage_py_test_via_xml_runner(tmp_path):
    proj = write(tmp_path / "proj", {
        "manage.py": """
            import os, sys
            if __name__ == "__main__":
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_settings")
                from django.core.management import execute_from_command_line
                execute_from_command_line(sys.argv)
        """,
        "site_settings.py": """
            SECRET_KEY = "x"
            INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
            DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
            USE_TZ = True
        """,
        "shop/__init__.py": "",
        "shop/tests/__init__.py": "",
        "shop/tests/test_basic.py": """
            from django.test import SimpleTestCase

            class BasicTests(SimpleTestCase):
                def test_ok(self):
                    self.assertEqual(1, 1)

                def test_bad(self):
                    self.assertEqual(1, 2)

                def test_error(self):
                    raise KeyError("boom")
        """,
        "shop/tests/test_broken.py": "import nowhere_to_be_found\n",
    })
    assert detect_test_command(proj) == ["python", "manage.py", "test"]
    run = run_tests(proj, PY, timeout=120)
    by_id = {o.nodeid: o.outcome for o in run.outcomes}
    assert by_id["shop.tests.test_basic.BasicTests.test_ok"] == "passed"
    assert by_id["shop.tests.test_basic.BasicTests.test_bad"] == "failed"
    assert by_id["shop.tests.test_basic.BasicTests.test_error"] == "error"
    assert any("test_broken" in n and o in ("error", "failed") for n, o in by_id.items()), by_id
    assert target_status(run, ["shop.tests.test_basic.BasicTests.test_ok"]) == "passed"
    assert target_status(run, ["shop.tests.test_basic.BasicTests"]) == "failed"


DJANGO_PROJECT = {
    "manage.py": """
        import os, sys
        if __name__ == "__main__":
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_settings")
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
    """,
    "site_settings.py": """
        SECRET_KEY = "x"
        INSTALLED_APPS = ["django.contrib.contenttypes", "shop"]
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
        USE_TZ = True
        TEST_RUNNER = "site_runner.ShopRunner"
    """,
    # the project's runner sets up what its tests need (as real runners set mail or storage backends)
    "site_runner.py": """
        import os
        from django.test.runner import DiscoverRunner

        class ShopRunner(DiscoverRunner):
            def setup_test_environment(self, **kwargs):
                super().setup_test_environment(**kwargs)
                os.environ["SHOP_RUNNER"] = type(self).__name__

        class OtherRunner(ShopRunner):
            pass
    """,
    "shop/__init__.py": "",
    "shop/tests/__init__.py": "",
    "shop/tests/test_runner_env.py": """
        import os
        from django.test import SimpleTestCase

        class RunnerTests(SimpleTestCase):
            def test_project_runner_set_up(self):
                self.assertIn(os.environ.get("SHOP_RUNNER"), ("ShopRunner", "OtherRunner"))

            def test_other(self):
                self.assertEqual(1, 1)
    """,
}


@pytest.mark.slow
def test_django_project_runner_is_wrapped_not_replaced(tmp_path):
    proj = write(tmp_path / "proj", DJANGO_PROJECT)
    run = run_tests(proj, PY, timeout=120)
    by_id = {o.nodeid: o.outcome for o in run.outcomes}
    assert by_id == {"shop.tests.test_runner_env.RunnerTests.test_project_runner_set_up": "passed",
                     "shop.tests.test_runner_env.RunnerTests.test_other": "passed"}, run.output
    # a --testrunner in the project's command is the runner wrapped
    run = run_tests(proj, PY, timeout=120, test_command=["python", "manage.py", "test",
                                                          "--testrunner", "site_runner.OtherRunner"])
    assert run.failing == frozenset() and run.passed == 2, run.output
    assert not any("OtherRunner" in a for a in run.command)


@pytest.mark.slow
def test_django_parallel_gives_per_test_outcomes(tmp_path):
    files = dict(DJANGO_PROJECT)
    files["shop/tests/test_more.py"] = """
        from django.test import SimpleTestCase

        class MoreTests(SimpleTestCase):
            # (a failure under --parallel needs tblib to cross processes; a skip does not)
            def test_skip(self):
                self.skipTest("not here")
    """
    proj = write(tmp_path / "proj", files)
    run = run_tests(proj, PY, timeout=180, rerun_failures=0,
                    test_command=["python", "manage.py", "test", "--parallel", "2"])
    by_id = {o.nodeid: o.outcome for o in run.outcomes}
    assert by_id.get("shop.tests.test_more.MoreTests.test_skip") == "skipped", run.output
    assert "--parallel" in run.command
    assert by_id.get("shop.tests.test_runner_env.RunnerTests.test_other") == "passed", run.output


@pytest.mark.slow
def test_django_timeout_keeps_finished_tests(tmp_path):
    files = dict(DJANGO_PROJECT)
    files["shop/tests/test_zz_hang.py"] = """
        import time
        from django.test import SimpleTestCase

        class HangTests(SimpleTestCase):
            def test_hang(self):
                time.sleep(1000)
    """
    proj = write(tmp_path / "proj", files)
    run = run_tests(proj, PY, timeout=8)
    assert run.timed_out
    by_id = {o.nodeid: o.outcome for o in run.outcomes}
    assert by_id["shop.tests.test_runner_env.RunnerTests.test_other"] == "passed", run.output
    assert by_id[SESSION_NODEID] == TIMEOUT
    assert run.failing == frozenset()
    assert target_status(run, ["shop.tests.test_zz_hang.HangTests.test_hang"]) == "timeout"


@pytest.mark.slow
def test_per_test_timeout_interrupts_one_test_and_the_run_goes_on(tmp_path):
    proj = write(tmp_path / "proj", {
        "pytest.ini": "[pytest]\n",
        "test_one_hangs.py": """
            import time

            def test_a_hangs():
                time.sleep(1000)

            def test_b_after():
                pass
        """,
    })
    run = run_tests(proj, PY, timeout=120, per_test_timeout=2)
    assert not run.timed_out
    by_id = {o.nodeid: o.outcome for o in run.outcomes}
    assert by_id == {"test_one_hangs.py::test_a_hangs": TIMEOUT, "test_one_hangs.py::test_b_after": "passed"}, run.output
    assert run.failing == frozenset()
    assert target_status(run, ["test_one_hangs.py::test_a_hangs"]) == "timeout"

    files = dict(DJANGO_PROJECT)
    files["shop/tests/test_zz_hang.py"] = """
        import time
        from django.test import SimpleTestCase

        class HangTests(SimpleTestCase):
            def test_hang(self):
                time.sleep(1000)

            def test_then(self):
                pass
    """
    dj = write(tmp_path / "dj", files)
    run = run_tests(dj, PY, timeout=120, per_test_timeout=2)
    by_id = {o.nodeid: o.outcome for o in run.outcomes}
    assert not run.timed_out and run.failing == frozenset(), run.output
    assert by_id["shop.tests.test_zz_hang.HangTests.test_hang"] == TIMEOUT
    assert by_id["shop.tests.test_zz_hang.HangTests.test_then"] == "passed"
