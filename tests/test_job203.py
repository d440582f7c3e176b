"""JOB203 beyond its examples: the form matrix's fixes land in the job modules (a reset at the start of each
run, possibly in another file than the cache), and each fixed job, run twice in one process with the data
changed in between, sees the change (tests/data/forms/job203, a real Django project)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rootfix.check.engine import run_check
from rootfix.config import Config
from rootfix.rules.base import REGISTRY, load_all_rules
from rule_behaviour import fix_and_prove, suite_run

DATA = Path(__file__).parent / "data"
FORMS = DATA / "forms" / "job203"
ACCEPTANCE = DATA / "job203_behaviour" / "test_run_twice.py"
FIXED_FORMS = ("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p09")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "job203"
    shutil.copytree(FORMS, root, ignore=shutil.ignore_patterns("expected", "forms.json", "__pycache__"))
    return root


def _fix(root: Path):
    load_all_rules()
    result = run_check([root], root=root, select=["JOB203"], ignore=None, all_code=True, config=Config(), fix=True,
                       diff=False, unsafe_fixes=True, use_cache=False, rules={"JOB203": REGISTRY["JOB203"]})
    assert not result.internal_errors and result.fixed
    return result


def test_every_changed_file_is_the_expected_one(tmp_path: Path) -> None:
    """Also the job modules a cache in a helper module is reset from (p03, p06), which the matrix table of
    tests/test_form_matrix_w123.py does not list."""
    root = _copy(tmp_path)
    _fix(root)
    expected = {p.relative_to(FORMS / "expected").as_posix() for p in (FORMS / "expected").rglob("*.py")}
    changed = {p.relative_to(root).as_posix() for p in root.rglob("*.py")
               if (FORMS / p.relative_to(root)).read_text() != p.read_text()}
    assert changed <= expected
    for rel in expected:
        assert (root / rel).read_text() == (FORMS / "expected" / rel).read_text(), rel


@pytest.mark.slow
def test_fixed_jobs_see_data_changed_between_two_runs_in_one_process(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "tests").mkdir()
    shutil.copy(ACCEPTANCE, root / "tests" / ACCEPTANCE.name)

    before = suite_run(root)
    failed = {k.rpartition("::")[2][5:8] for k, v in before.outcomes.items() if v.outcome == "failed"}
    assert failed == set(FIXED_FORMS), before.output  # every job serves the first run's rows to the second

    _fix(root)
    after = suite_run(root)
    assert after.returncode == 0 and len(after.outcomes) == len(FIXED_FORMS), after.output


@pytest.mark.slow
@pytest.mark.parametrize("file", ["ops/forms/p01_beat_class_attr.py", "ops/forms/p05_lru_cache_beat.py"])
def test_regression_test_reruns_the_job_in_the_same_process(file: str, tmp_path: Path) -> None:
    """``rootfix fix``'s proof: the generated test replays the project's own test of the job, runs the job
    again in that process and requires the second run to read the table; it fails on the bug, passes fixed."""
    root = _copy(tmp_path)
    shutil.copytree(DATA / "job203_behaviour" / "project_tests", root / "tests")
    behaviour = fix_and_prove(root, "JOB203", file=file)
    assert behaviour.proven, behaviour.output
    assert "was served the rows the first run loaded" in behaviour.failure_before
