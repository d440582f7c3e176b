"""Form matrices of the command (CMD) and scheduled-job (JOB) rules (issues 11 and 12).

``tests/data/forms/cmdjob/base/`` is a small real Django project ("depot": settings with ``USE_TZ`` and a
non-UTC ``TIME_ZONE``, a celery app, models with unique keys, done-markers and ``DateTimeField`` s).
Every ``tests/data/forms/cmdjob/<rule>/`` is laid over it: each ``p*`` file is one positive form of the rule's
bug class (one axis varied at a time: how the value is obtained, where the code lives, which library or
scheduler, how names are spelled), each ``q*`` file a quiet twin. ``forms.json`` lists the lines found and
the axis each form varies; ``expected/`` holds the exact fixed file of every fixable form. The test checks
exactly these findings (no other file reports), that every fixable form is fixed into its expected text, and
that the rule is quiet on the project after the fix.
"""
from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from rootfix.check.engine import run_check
from rootfix.config import Config
from rootfix.rules.base import REGISTRY, load_all_rules

MATRICES = Path(__file__).parent / "data" / "forms" / "cmdjob"
BASE = MATRICES / "base"
RULES = sorted(p.name for p in MATRICES.iterdir() if (p / "forms.json").exists())
_IGNORE = shutil.ignore_patterns("expected", "forms.json", "README.md", "__pycache__")


def _project(rule: str, tmp_path: Path) -> tuple[Path, dict]:
    root = tmp_path / rule
    shutil.copytree(BASE, root, ignore=_IGNORE)
    shutil.copytree(MATRICES / rule, root, ignore=_IGNORE, dirs_exist_ok=True)
    return root, json.loads((MATRICES / rule / "forms.json").read_text())


def _run(code: str, root: Path, *, fix: bool = False):
    load_all_rules()
    result = run_check([root], root=root, select=[code], ignore=None, all_code=False, config=Config(), fix=fix,
                       diff=False, unsafe_fixes=True, use_cache=False, rules={code: REGISTRY[code]})
    assert not result.internal_errors, result.internal_errors
    return result


def _found(code: str, root: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for f in _run(code, root).findings:
        if f.code == code:
            found.setdefault(f.file, []).append(f.line)
    return {p: sorted(v) for p, v in found.items()}


@pytest.mark.parametrize("rule", RULES)
def test_every_form_is_found_exactly(rule: str, tmp_path: Path) -> None:
    root, spec = _project(rule, tmp_path)
    positive = {path: sorted(form["lines"]) for path, form in spec["positive"].items()}
    assert _found(spec["rule"], root) == positive
    # the matrix is the size the issues ask for, and every quiet form is a real file of the project
    assert len(positive) >= 8 and len([q for q in spec["quiet"] if Path(q).name.startswith("q")]) >= 4
    for quiet in spec["quiet"]:
        assert (root / quiet).is_file(), quiet
    for path in root.rglob("*.py"):  # a form that does not parse would be quiet for the wrong reason
        ast.parse(path.read_text(), filename=str(path))


@pytest.mark.parametrize("rule", RULES)
def test_every_fixable_form_is_fixed_exactly(rule: str, tmp_path: Path) -> None:
    root, spec = _project(rule, tmp_path)
    code = spec["rule"]
    if REGISTRY[code].fix_safety is None:
        pytest.skip(f"{code} reports only")
    _run(code, root, fix=True)
    for path, form in spec["positive"].items():
        got = (root / path).read_text()
        if not form.get("fixed", True):
            assert got == (MATRICES / rule / path).read_text(), f"{path} has no fix, yet it changed"
            continue
        want = MATRICES / rule / "expected" / path
        assert want.exists(), f"no expected fix for {path}"
        assert got == want.read_text(), f"{code} fix of {path} differs from expected/{path}:\n{got}"
    for quiet in spec["quiet"]:
        assert (root / quiet).read_text() == (MATRICES / rule / quiet).read_text(), f"{quiet} changed"
    left = {p for p in _found(code, root) if spec["positive"].get(p, {}).get("fixed", True)}
    assert not left, f"{code} still reports after its fix: {sorted(left)}"
