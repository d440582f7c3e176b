"""`rootfix localize` and `fix` on a project whose baseline times out: said, and never a reproduction."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from conftest import make_git_repo
from rootfix.pipeline import run_fix, run_localize
from rootfix.types import BugReport

PY = sys.executable

ERROR = textwrap.dedent("""\
    Traceback (most recent call last):
      File "/srv/shop/pricing.py", line 2, in price
        return qty * unit
    TypeError: can't multiply sequence by non-int of type 'str'
    """)


def hanging_project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    files = {
        "pytest.ini": "[pytest]\ntestpaths = tests\n",
        "shop/__init__.py": "",
        "shop/pricing.py": "def price(qty, unit):\n    return qty * unit\n",
        "tests/__init__.py": "",
        "tests/test_pricing.py": textwrap.dedent("""\
            import time

            from shop.pricing import price

            def test_price():
                assert price(2, 3) == 6

            def test_unrelated_failure():
                assert {}["missing"]

            def test_slow():
                time.sleep(1000)
            """),
    }
    for rel, text in files.items():
        p = src / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return make_git_repo(src, tmp_path / "repo")


def report() -> BugReport:
    return BugReport(component_type="cli-tool", component_name="shop.pricing:price",
                     bug_description="pricing crashes on quantities read from CSV",
                     expected_behavior="a price", actual_behavior="TypeError", error_message=ERROR)


@pytest.mark.slow
def test_localize_and_fix_say_the_baseline_timed_out(tmp_path):
    repo = hanging_project(tmp_path)
    loc = run_localize(report(), repo, python=PY, timeout=8)
    assert loc.component.symbol == "price"
    assert loc.baseline is not None and loc.baseline.timed_out
    assert loc.baseline.passed == 1 and loc.baseline.failed == 1  # what ran before the kill is kept
    assert any("TIMED OUT" in n for n in loc.notes), loc.notes
    # the KeyError failure and the timeout are not the reported TypeError
    assert loc.reproduction is not None and not loc.reproduction.reproduced
    assert "baseline timed out" in loc.reproduction.note

    messages: list[str] = []
    outcome = run_fix(report(), repo, python=PY, timeout=8, progress=lambda stage, msg: messages.append(msg))
    assert outcome.status == "no_fix"
    assert "timed out" in outcome.message
    assert any("TIMED OUT" in m for m in messages), messages
    assert not outcome.reproduction.reproduced
