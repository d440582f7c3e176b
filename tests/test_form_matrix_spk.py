"""The form matrix of the Spark rules (issue 13): at least 8 positive and 4 quiet forms per rule.

Each ``tests/data/forms/<rule>/`` is a small real project: every ``p*.py`` is one positive form of the
rule's bug class (one axis varied at a time: how the value is obtained, where the code lives, which queue
library, how names are spelled), every ``q*.py`` a quiet twin. ``forms.json`` says which lines are found;
``expected/`` holds the exact fixed file of every fixable form. One table-driven test per rule checks:
exactly these findings (no other file reports), and the engine's fix turns each positive file into its
expected text, after which the rule is quiet on the whole project.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rootfix.config import Config
from rootfix.rules.base import REGISTRY, load_all_rules
from rootfix.check.engine import run_check

FORMS = Path(__file__).parent / "data" / "forms"
RULES = sorted(p.name for p in FORMS.iterdir() if p.name.startswith("spk") and (p / "forms.json").exists())


def _copy(rule: str, tmp_path: Path) -> tuple[Path, dict]:
    src = FORMS / rule
    dst = tmp_path / rule
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("expected", "forms.json", "README.md", "__pycache__"))
    return dst, json.loads((src / "forms.json").read_text())


def _codes(spec: dict) -> list[str]:
    return spec.get("rules") or [spec["rule"]]


def _run(spec: dict, root: Path, *, fix: bool = False):
    load_all_rules()
    codes = _codes(spec)
    result = run_check([root], root=root, select=codes, ignore=None, all_code=True, config=Config(), fix=fix,
                       diff=False, unsafe_fixes=True, use_cache=False, rules={c: REGISTRY[c] for c in codes})
    assert not result.internal_errors, result.internal_errors
    return result


def _found(spec: dict, root: Path) -> dict[str, list[str]]:
    """file -> sorted ["CODE:line", ...] (or [line, ...] for a one-rule matrix)"""
    codes = _codes(spec)
    found: dict[str, list] = {}
    for f in _run(spec, root).findings:
        if f.code in codes:
            found.setdefault(f.file, []).append(f.line if "rule" in spec else f"{f.code}:{f.line}")
    return {p: sorted(v) for p, v in found.items()}


@pytest.mark.parametrize("rule", RULES)
def test_every_form_is_found_exactly(rule: str, tmp_path: Path) -> None:
    root, spec = _copy(rule, tmp_path)
    found = _found(spec, root)
    expected = {path: sorted(lines) for path, lines in spec["positive"].items()}
    assert found == expected
    assert len(spec["positive"]) >= 8 and len([q for q in spec["quiet"] if "/q" in q]) >= 4
    for quiet in spec["quiet"]:
        assert (root / quiet).exists() and quiet not in found


@pytest.mark.parametrize("rule", RULES)
def test_every_fixable_form_is_fixed_exactly(rule: str, tmp_path: Path) -> None:
    root, spec = _copy(rule, tmp_path)
    code = "/".join(_codes(spec))
    if set(spec["positive"]) <= set(spec.get("unfixable", [])):
        pytest.skip(f"{code} has no fix")
    result = _run(spec, root, fix=True)
    assert result.fixed
    expected_dir = FORMS / rule / "expected"
    for path in spec["positive"]:
        want = expected_dir / path
        got = (root / path).read_text()
        if path in spec.get("unfixable", []):
            assert got == (FORMS / rule / path).read_text(), f"{path} has no fix, yet it changed"
            continue
        assert want.exists(), f"no expected fix for {path}"
        assert got == want.read_text(), f"{code} fix of {path} differs from expected/{path}:\n{got}"
    for quiet in spec["quiet"]:
        assert (root / quiet).read_text() == (FORMS / rule / quiet).read_text(), f"{quiet} changed"
    left = {p for p in _found(spec, root) if p not in spec.get("unfixable", [])}
    assert not left, f"{code} still reports after its fix: {sorted(left)}"
