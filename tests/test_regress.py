"""regress/: the one stage that writes regression tests, from what a rule says its test must check.

Fast checks of the writing itself (the behaviour of the written tests -- fail before the fix, pass after -- is
proven by tests/test_wrk_behaviour*.py, tests/test_cmd_rules.py, tests/test_job_*.py, tests/test_form_*.py and
the held-out cases).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.regress import regression_test, write
from rootfix.regress.render import TEMPLATES, render
from rootfix.rules.base import REGISTRY, CheckContext, DirectTest, FirstOf, Rule, load_all_rules

SRC = Path(__file__).resolve().parents[1] / "src" / "rootfix"

PYTEST_PROJECT = {
    "shop/__init__.py": "",
    "shop/jobs.py": "def nightly():\n    return 1\n",
    "tests/__init__.py": "",
    "tests/test_jobs.py": "from shop.jobs import nightly\n\n\ndef test_nightly():\n    assert nightly() == 1\n",
}
TESTCASE_PROJECT = {
    **{k: v for k, v in PYTEST_PROJECT.items() if k != "tests/test_jobs.py"},
    "tests/test_jobs.py": ("from django.test import SimpleTestCase\n\nfrom shop.jobs import nightly\n\n\n"
                           "class NightlyTests(SimpleTestCase):\n    def test_nightly(self):\n"
                           "        self.assertEqual(nightly(), 1)\n"),
}


def _index(tmp_path: Path, files: dict[str, str]) -> RepoIndex:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return RepoIndex.build(tmp_path)


def test_a_placeholder_without_a_value_is_an_error_not_left_in_the_test():
    with pytest.raises(KeyError):
        render(("job202_no_state_between_runs",), {"code": "JOB202", "symbol": "nightly"}, pytest_style=True)


def test_a_two_style_template_follows_the_project_and_a_pytest_only_one_needs_pytest(tmp_path):
    spec = DirectTest("nightly", "shop/jobs.py", ("wrk105_retries_bounded",), {
        "rule": "autoretry-unbounded", "file": "shop/jobs.py", "name": "nightly", "name_lower": "nightly",
        "name_title": "Nightly", "getter": "    task = nightly\n"})
    pytest_index = _index(tmp_path / "p", PYTEST_PROJECT)
    path, source = write(pytest_index, "WRK105", spec)
    assert path == "tests/test_rootfix_wrk105_nightly.py"
    assert "def test_rootfix_wrk105_nightly_retries_are_bounded():" in source and "SimpleTestCase" not in source
    testcase_index = _index(tmp_path / "t", TESTCASE_PROJECT)
    _, source = write(testcase_index, "WRK105", spec)
    assert "class RootfixWrk105NightlyTests(SimpleTestCase):" in source
    ast.parse(source)
    only_pytest = DirectTest("nightly", "shop/jobs.py", ("job403_local_date",), {
        "module_import": "", "name": "nightly", "patch_lines": "", "call": "nightly()"})
    assert write(pytest_index, "JOB403", only_pytest) is not None
    assert write(testcase_index, "JOB403", only_pytest) is None


def test_first_of_writes_the_first_spec_that_can_be_written(tmp_path):
    index = _index(tmp_path, TESTCASE_PROJECT)
    cannot = DirectTest("nightly", "shop/jobs.py", ("job403_local_date",), {
        "module_import": "", "name": "nightly", "patch_lines": "", "call": "nightly()"})
    can = DirectTest("nightly", "shop/jobs.py", ("wrk105_retries_bounded",), {
        "rule": "r", "file": "shop/jobs.py", "name": "nightly", "name_lower": "nightly", "name_title": "Nightly",
        "getter": "    task = nightly\n"})
    assert write(index, "WRK105", FirstOf((cannot, can))) == write(index, "WRK105", can)
    assert write(index, "WRK105", FirstOf((cannot,))) is None


def test_every_template_is_named_by_some_code():
    """A template no rule or regress module names is dead text (a missing one fails the rendering tests)."""
    names = {re.sub(r"\.(pytest|testcase)$", "", p.name[: -len(".py.tmpl")]) for p in TEMPLATES.glob("*.py.tmpl")}
    code = "\n".join(p.read_text() for p in SRC.rglob("*.py"))
    assert names and {n for n in names if f'"{n}"' not in code} == set()


WRITERS = sorted(code for code, cls in load_all_rules().items() if cls.regression is not Rule.regression)


def test_rules_that_fix_say_what_their_test_checks():
    assert {"WRK101", "WRK301", "CMD101", "JOB301", "SPK101"} <= set(WRITERS)


@pytest.mark.parametrize("code", WRITERS)
def test_the_regression_tests_of_the_examples_are_python(code, tmp_path):
    """Every invalid example whose rule says what its test checks gets a test module that parses."""
    rule = REGISTRY[code]()
    for n, example in enumerate(rule.INVALID):
        index = _index(tmp_path / str(n), example.all_files())
        for finding in rule.check(CheckContext(index)):
            written = regression_test(rule, index, finding)
            if written is not None:
                path, source = written
                assert path.endswith(".py") and "test_rootfix_" in path
                ast.parse(source, filename=path)
                assert "${" not in source
