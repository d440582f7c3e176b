"""CMD202 on stand-alone scripts (tests/data/script_setup, see its README): model imports above the setup,
at module level or inside ``main()``, through the project's own setup wrapper; the regression test runs the
script as cron does (its own interpreter, another working directory)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rule_behaviour import fix_and_prove

from rootfix.check.engine import run_check

PROJECT = Path(__file__).parent / "data" / "script_setup"


def test_found_through_the_setup_wrapper_and_at_module_level_quiet_on_the_twin() -> None:
    result = run_check([PROJECT], root=PROJECT, select="CMD202", use_cache=False)
    assert [(f.file, f.line, f.symbol) for f in result.findings] == [
        ("scripts/import_rows.py", 12, "main"), ("scripts/legacy_report.py", 4, "")]


@pytest.mark.slow
@pytest.mark.parametrize("script", ["scripts/import_rows.py", "scripts/legacy_report.py"])
def test_script_oracle_fails_before_and_passes_after(tmp_path: Path, script: str) -> None:
    repo = tmp_path / "script_setup"
    shutil.copytree(PROJECT, repo)
    b = fix_and_prove(repo, "CMD202", file=script)
    assert b.test_failed_before and "before django.setup()" in b.failure_before, b.output
    assert b.suite_passed_before and b.test_passed_after and b.suite_passed_after, b.output
