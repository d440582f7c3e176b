"""Per-test line coverage of the project's test suite, for spectrum-based fault localization.

Runs the project's pytest suite under coverage.py with the ``test_function`` dynamic context
(one context per test), in a checkout rootfix owns (a worktree), with the project's own
interpreter, and joins the per-line contexts with the per-test outcomes of a JUnit report.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from rootfix.types import Spectrum


def has_coverage(python: str) -> bool:
    """Whether the project's interpreter can run coverage.py."""
    try:
        return subprocess.run([python, "-c", "import coverage, pytest"], capture_output=True,
                              timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _junit_outcomes(path: Path) -> dict[str, bool]:
    """``module.Class.test`` (parameters stripped) -> passed?  Any failing parametrization fails it."""
    outcomes: dict[str, bool] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return outcomes
    for case in root.iter("testcase"):
        name = case.get("name", "").split("[", 1)[0]
        key = f"{case.get('classname', '')}.{name}".strip(".")
        failed = any(child.tag in ("failure", "error") for child in case)
        skipped = any(child.tag == "skipped" for child in case)
        if skipped:
            continue
        outcomes[key] = outcomes.get(key, True) and not failed
    return outcomes


def collect_spectrum(checkout: str | Path, python: str, *, timeout: float = 600.0,
                     nodeids: tuple[str, ...] = ()) -> Spectrum | None:
    """Run the suite under coverage in ``checkout``; None when coverage or pytest is unavailable."""
    checkout = Path(checkout)
    if not has_coverage(python):
        return None
    with tempfile.TemporaryDirectory(prefix="rootfix-cov-") as tmp:
        tmpdir = Path(tmp)
        rc = tmpdir / "coveragerc"
        rc.write_text(
            "[run]\n"
            f"data_file = {tmpdir / '.coverage'}\n"
            "dynamic_context = test_function\n"
            f"source = {checkout}\n"
            "omit =\n    */tests/*\n    */test_*.py\n    */conftest.py\n    */migrations/*\n"
        )
        junit = tmpdir / "junit.xml"
        env = {**os.environ, "COVERAGE_RCFILE": str(rc), "PYTHONDONTWRITEBYTECODE": "1"}
        cmd = [python, "-m", "coverage", "run", f"--rcfile={rc}", "-m", "pytest", "-q",
               "-p", "no:cacheprovider", f"--junitxml={junit}", *nodeids]
        proc = subprocess.Popen(cmd, cwd=checkout, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
        report = tmpdir / "coverage.json"
        done = subprocess.run([python, "-m", "coverage", "json", f"--rcfile={rc}", "--show-contexts",
                               "-o", str(report)], cwd=checkout, env=env, capture_output=True, timeout=300)
        if done.returncode != 0 or not report.exists():
            return None
        data = json.loads(report.read_text())
        outcomes = _junit_outcomes(junit)
    covered: dict[str, dict[int, frozenset[str]]] = defaultdict(dict)
    for filename, info in data.get("files", {}).items():
        path = Path(filename)
        try:
            rel = (path if path.is_absolute() else checkout / path).resolve().relative_to(checkout.resolve()).as_posix()
        except ValueError:
            continue
        for line, contexts in (info.get("contexts") or {}).items():
            tests = frozenset(c for c in contexts if c in outcomes)
            if tests:
                covered[rel][int(line)] = tests
    return Spectrum(
        covered=dict(covered),
        failed=frozenset(t for t, ok in outcomes.items() if not ok),
        passed=frozenset(t for t, ok in outcomes.items() if ok),
    )
