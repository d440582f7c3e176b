"""Behavioural check of a rule's fix on a real project: find, fix, prove with the project's own tests."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules
from rootfix.types import Finding


@dataclass
class Behaviour:
    finding: Finding
    test_path: str
    test_failed_before: bool
    test_passed_after: bool
    suite_passed_after: bool
    output: str


def pytest_run(repo: Path, *args: str, python: str = sys.executable) -> tuple[int, str]:
    proc = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd=repo,
                          capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stdout[-4000:] + proc.stderr[-2000:]


def fix_and_prove(repo: Path, code: str, *, file: str | None = None) -> Behaviour:
    """Find ``code`` in ``repo`` (a scratch copy), write its regression test, run it, apply the fix,
    run it again and the whole suite."""
    load_all_rules()
    rule = REGISTRY[code]()
    index = RepoIndex.build(repo)
    findings = [f for f in rule.check(CheckContext(index)) if file is None or f.file == file]
    assert findings, f"{code} found nothing in {repo}"
    finding = findings[0]
    test = rule.regression_test(index, finding)
    patch = rule.fix(index, finding)
    assert test is not None and patch is not None
    test_path, source = test
    (repo / test_path).write_text(source)
    before, out_before = pytest_run(repo, test_path)
    for change in patch.changes:
        (repo / change.path).write_text(change.new)
    after, out_after = pytest_run(repo, test_path)
    suite, out_suite = pytest_run(repo)
    return Behaviour(finding, test_path, before != 0, after == 0, suite == 0,
                     "\n".join([out_before, out_after, out_suite]))
