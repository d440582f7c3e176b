"""CMD403 beyond its examples: the fixes of the form matrix (tests/data/forms/cmd403, a real Django project)
proven by running each form with one unknown code among its rows, before and after ``rootfix check --fix``."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rootfix.check.engine import run_check
from rootfix.config import Config
from rootfix.rules.base import REGISTRY, load_all_rules
from rule_behaviour import fix_and_prove, suite_run

DATA = Path(__file__).parent / "data"
ACCEPTANCE = DATA / "cmd403_behaviour" / "test_unknown_code.py"
FIXED_FORMS = ("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p09", "p10", "p11")


@pytest.mark.slow
def test_fixed_forms_process_the_other_rows_and_report_the_unknown_code(tmp_path: Path) -> None:
    root = tmp_path / "cmd403"
    shutil.copytree(DATA / "forms" / "cmd403", root,
                    ignore=shutil.ignore_patterns("expected", "forms.json", "__pycache__"))
    (root / "tests").mkdir()
    shutil.copy(ACCEPTANCE, root / "tests" / ACCEPTANCE.name)

    before = suite_run(root)
    failed = {k.rpartition("::")[2][5:8] for k, v in before.outcomes.items() if v.outcome == "failed"}
    assert failed == set(FIXED_FORMS), before.output  # every form aborts on the unknown code

    load_all_rules()
    result = run_check([root], root=root, select=["CMD403"], ignore=None, all_code=True, config=Config(),
                       fix=True, diff=False, unsafe_fixes=True, use_cache=False, rules={"CMD403": REGISTRY["CMD403"]})
    assert not result.internal_errors and result.fixed

    after = suite_run(root)
    assert after.returncode == 0 and len(after.outcomes) == len(FIXED_FORMS), after.output


@pytest.mark.slow
@pytest.mark.parametrize("file", ["depot/forms/p02_rows_helper.py", "depot/management/commands/p01_stock_counts.py"])
def test_regression_test_replays_the_projects_test_with_one_unknown_value(file: str, tmp_path: Path) -> None:
    """``rootfix fix``'s proof: the generated test replays the project's own test (calling the helper, or
    running the command by name) with the first lookup forced to miss; it fails on the bug (DoesNotExist
    aborts the run) and passes with the fix."""
    root = tmp_path / "depot"
    shutil.copytree(DATA / "forms" / "cmd403", root,
                    ignore=shutil.ignore_patterns("expected", "forms.json", "__pycache__"))
    shutil.copytree(DATA / "cmd403_behaviour" / "project_tests", root / "tests")
    behaviour = fix_and_prove(root, "CMD403", file=file)
    assert behaviour.proven, behaviour.output
    assert "aborted the whole run" in behaviour.failure_before
