"""Behavioural check of a rule's fix on a real project: find, fix, prove with the project's own tests.

Two runs of the project's whole suite prove it all: before the fix (with the rule's regression test added:
it must fail, every other test must pass) and after it (the regression test and the whole suite, plus any
``extra_tests`` such as a case's hidden acceptance test, must pass). Per-test outcomes come from pytest's
JUnit XML, so a regression test that only skips, or errors instead of failing, is told apart.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from rootfix.regress import regression_test
from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules
from rootfix.types import Finding


@dataclass
class Outcome:
    outcome: str  # passed | failed | error | skipped
    message: str = ""


def _module(test_path: str) -> str:
    return test_path[:-3].replace("/", ".") if test_path.endswith(".py") else test_path.replace("/", ".")


@dataclass
class SuiteRun:
    returncode: int
    #: "dotted.module[.Class]::test" -> outcome; a module that failed to import is "::dotted.module"
    #: (JUnit's classname is the collecting module's, even for tests it imports from elsewhere)
    outcomes: dict[str, Outcome]
    output: str

    @staticmethod
    def _in(key: str, test_path: str) -> bool:
        mod = _module(test_path)
        owner, _, name = key.partition("::")
        return owner == mod or owner.startswith(mod + ".") or (owner == "" and name == mod)

    def of(self, test_path: str) -> dict[str, Outcome]:
        """The outcomes of the tests collected from ``test_path`` (its import error included)."""
        return {k: v for k, v in self.outcomes.items() if self._in(k, test_path)}

    def others_ok(self, *test_paths: str) -> bool:
        """Every test outside ``test_paths`` passed (or skipped) and some ran."""
        rest = [v for k, v in self.outcomes.items() if not any(self._in(k, p) for p in test_paths)]
        return bool(rest) and all(v.outcome in ("passed", "skipped") for v in rest)


@dataclass
class Behaviour:
    finding: Finding
    test_path: str
    test_failed_before: bool  # the regression test failed on the buggy code (in a test or its teardown check,
    #                           not by failing to import)
    suite_passed_before: bool  # every other test passed on the buggy code
    test_passed_after: bool  # the regression test passed (at least one test, none failed) with the fix
    suite_passed_after: bool  # the whole suite (and the extra tests) passed with the fix
    skipped_after: int  # regression tests that skipped with the fix (a test that only skips proves nothing)
    failure_before: str  # the regression test's failure messages and tracebacks on the buggy code
    output: str
    before: SuiteRun = field(repr=False)
    after: SuiteRun = field(repr=False)

    @property
    def proven(self) -> bool:
        """Fails before (the rest of the suite passing), passes after, whole suite green after."""
        return self.test_failed_before and self.suite_passed_before and self.test_passed_after \
            and self.suite_passed_after

    def passed_after(self, test_path: str) -> bool:
        """``test_path`` ran with the fix and every test in it passed."""
        got = self.after.of(test_path)
        return bool(got) and all(v.outcome == "passed" for v in got.values())


def pytest_run(repo: Path, *args: str, python: str = sys.executable) -> tuple[int, str]:
    """Exit code and output tail of one pytest run in ``repo`` (a node id, a file, options)."""
    proc = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=repo,
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stdout[-4000:] + proc.stderr[-2000:]


def suite_run(repo: Path, *args: str, python: str = sys.executable) -> SuiteRun:
    """The project's pytest suite (or ``args``) with per-test outcomes from JUnit XML written outside it."""
    fd, xml = tempfile.mkstemp(suffix=".xml", prefix="rootfix-test-junit-")
    os.close(fd)
    try:
        proc = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}", *args],
                              cwd=repo, capture_output=True, text=True, timeout=900)
        outcomes: dict[str, Outcome] = {}
        if os.path.getsize(xml):
            for case in ET.parse(xml).iter("testcase"):
                outcome, message = "passed", ""
                for child in case:
                    if child.tag in ("failure", "error", "skipped"):
                        outcome = {"failure": "failed"}.get(child.tag, child.tag)
                        message = f"{child.get('message') or ''}\n{child.text or ''}"
                        break
                outcomes[f"{case.get('classname') or ''}::{case.get('name')}"] = Outcome(outcome, message)
    finally:
        os.unlink(xml)
    return SuiteRun(proc.returncode, outcomes, proc.stdout[-6000:] + proc.stderr[-2000:])


def fix_and_prove(repo: Path, code: str, *, file: str | None = None,
                  extra_tests: dict[str, str] | None = None) -> Behaviour:
    """Find ``code`` in ``repo`` (a scratch copy), write its regression test, run the suite, apply the fix
    (and write ``extra_tests``), run the suite again."""
    load_all_rules()
    rule = REGISTRY[code]()
    index = RepoIndex.build(repo)
    findings = [f for f in rule.check(CheckContext(index)) if file is None or f.file == file]
    assert findings, f"{code} found nothing in {repo}"
    finding = findings[0]
    test = regression_test(rule, index, finding)
    patch = rule.fix(index, finding)
    assert test is not None and patch is not None
    test_path, source = test
    (repo / test_path).write_text(source)
    before = suite_run(repo)
    for change in patch.changes:
        (repo / change.path).write_text(change.new)
    for path, text in (extra_tests or {}).items():
        (repo / path).write_text(text)
    after = suite_run(repo)
    test_before, test_after = before.of(test_path), after.of(test_path)
    failures = "\n".join(f"{k}: {v.message}" for k, v in test_before.items() if v.outcome != "passed")
    return Behaviour(
        finding=finding, test_path=test_path,
        test_failed_before=f"::{_module(test_path)}" not in test_before
        and any(v.outcome in ("failed", "error") for v in test_before.values()),
        suite_passed_before=before.others_ok(test_path),
        test_passed_after=bool(test_after) and any(v.outcome == "passed" for v in test_after.values())
        and all(v.outcome in ("passed", "skipped") for v in test_after.values()),
        suite_passed_after=after.returncode == 0 and after.others_ok(test_path),
        skipped_after=sum(v.outcome == "skipped" for v in test_after.values()), failure_before=failures,
        output="\n".join([f"--- regression test {test_path} before the fix:", failures,
                          "--- suite before the fix:", before.output, "--- suite after the fix:", after.output]),
        before=before, after=after)
