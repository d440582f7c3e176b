"""Test helpers for rule authors, in the style of django-upgrade's ``check_noop`` / ``check_transformed``.

Every helper writes ``files`` (repo-relative path -> source) into a fresh folder (or ``root``), runs the
real engine (index, scope, settings, noqa) with only ``rule_code`` selected, and asserts::

    from rootfix.check.testing import check_findings, check_noop, check_transformed

    def test_enqueue_after_commit_is_fine(tmp_path):
        check_noop("WRK301", {"app/tasks.py": GOOD}, root=tmp_path)

    def test_enqueue_in_atomic(tmp_path):
        check_findings("WRK301", {"app/tasks.py": BAD}, path="app/tasks.py", count=1, root=tmp_path)

    def test_fix(tmp_path):
        check_transformed("WRK301", {"app/tasks.py": BAD}, path="app/tasks.py", expected=FIXED, root=tmp_path)

``tests/test_rule_examples.py`` runs the same helpers over every rule's VALID / INVALID examples.
"""
from __future__ import annotations

import shutil
import tempfile
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from rootfix.config import Config
from rootfix.rules.base import REGISTRY, Rule, load_all_rules
from rootfix.types import Finding


def _rule(rule_code: str) -> type[Rule]:
    if rule_code not in REGISTRY:
        load_all_rules()
    try:
        return REGISTRY[rule_code]
    except KeyError:
        raise AssertionError(f"no rule {rule_code} is registered") from None


@contextmanager
def _project(files: Mapping[str, str], root: Path | None) -> Iterator[Path]:
    owned = root is None
    base = Path(tempfile.mkdtemp(prefix="rootfix-rule-")) if owned else Path(root)
    try:
        for rel, source in files.items():
            target = base / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8")
        yield base.resolve()
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)


def run_rule(rule_code: str, root: Path, *, all_code: bool = False, fix: bool = False, diff: bool = False):
    """The engine's :class:`~rootfix.check.engine.CheckResult` for ``rule_code`` alone on ``root``."""
    from rootfix.check.engine import run_check

    cls = _rule(rule_code)
    result = run_check([root], root=root, select=[rule_code], ignore=None, all_code=all_code, config=Config(),
                       fix=fix, diff=diff, unsafe_fixes=True, use_cache=False, rules={rule_code: cls})
    if result.internal_errors:
        raise AssertionError("\n".join(result.internal_errors))
    if result.errors:
        raise AssertionError("example files do not parse: " + "; ".join(f"{p}: {m}" for p, m in result.errors))
    return result


def findings_for(rule_code: str, files: Mapping[str, str], *, root: Path | None = None,
                 all_code: bool = False) -> list[Finding]:
    with _project(files, root) as base:
        return [f for f in run_rule(rule_code, base, all_code=all_code).findings if f.code == rule_code]


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.file}:{f.line}:{f.col + 1}: {f.code} {f.message}" for f in findings) or "  (none)"


def check_noop(rule_code: str, files: Mapping[str, str], *, root: Path | None = None, all_code: bool = True) -> None:
    """No finding of ``rule_code`` anywhere (by default with all code in scope: the strictest reading)."""
    found = findings_for(rule_code, files, root=root, all_code=all_code)
    assert not found, f"{rule_code} reported findings on valid code:\n{_describe(found)}"


def check_findings(rule_code: str, files: Mapping[str, str], *, path: str, count: int = 1,
                   root: Path | None = None, all_code: bool = False) -> list[Finding]:
    """Exactly ``count`` findings of ``rule_code`` in ``path`` (default: the normal component scope)."""
    found = findings_for(rule_code, files, root=root, all_code=all_code)
    here = [f for f in found if f.file == path]
    assert len(here) == count, (f"expected {count} {rule_code} finding(s) in {path}, got {len(here)}:\n"
                                f"{_describe(found)}")
    return here


def check_transformed(rule_code: str, files: Mapping[str, str], *, path: str, expected: str,
                      root: Path | None = None, all_code: bool = False) -> str:
    """The rule's fix (through the engine: safe and unsafe, up to 3 passes) turns ``path`` into ``expected``
    exactly, and the fixed project has no finding of ``rule_code`` any more."""
    with _project(files, root) as base:
        result = run_rule(rule_code, base, all_code=all_code, fix=True)
        assert result.fixed, f"{rule_code} offered no fix:\n{_describe(run_rule(rule_code, base).findings)}"
        got = (base / path).read_text(encoding="utf-8")
        assert got == expected, f"{rule_code} fix of {path} differs:\n--- got\n{got}\n--- expected\n{expected}"
        again = [f for f in run_rule(rule_code, base, all_code=True).findings if f.code == rule_code]
        assert not again, f"{rule_code} still reports after its fix:\n{_describe(again)}"
        return got


def dedent(source: str) -> str:
    """``textwrap.dedent`` without the first newline: for inline example sources."""
    return textwrap.dedent(source).lstrip("\n")
