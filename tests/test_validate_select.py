"""Test selection: a large suite is not run whole for one bug; the tests reaching the component are."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from conftest import make_git_repo
from rootfix.discover.index import RepoIndex
from rootfix.types import BugReport
from rootfix.validate.select import SMALL_SUITE_FILES, is_test_module, select_tests

PY = sys.executable


def big_project(root: Path, filler: int = SMALL_SUITE_FILES + 5) -> Path:
    files = {
        "pytest.ini": "[pytest]\ntestpaths = tests\n",
        "shop/__init__.py": "",
        "shop/pricing.py": "def price(qty, unit):\n    return qty * unit\n",
        "shop/orders.py": "from shop.pricing import price\n\n\ndef order_total(lines):\n"
                          "    return sum(price(q, u) for q, u in lines)\n",
        "shop/tasks.py": "from .orders import order_total\n\n\ndef total_task(lines):\n    return order_total(lines)\n",
        "mail/__init__.py": "",
        "mail/send.py": "def send(to):\n    return to\n",
        "tests/__init__.py": "",
        # reaches shop.pricing through shop.orders (an import two modules away)
        "tests/test_orders.py": "from shop.orders import order_total\n\n\ndef test_total():\n"
                                "    assert order_total([(2, 3)]) == 6\n",
        "tests/test_tasks.py": "import shop.tasks\n\n\ndef test_task():\n    assert shop.tasks.total_task([]) == 0\n",
        "tests/test_price_rounding.py": "def test_named():\n    assert True\n",
        "shop/tests.py": "def test_in_app():\n    assert True\n",
    }
    for i in range(filler):
        files[f"tests/test_mail_{i:02}.py"] = f"from mail.send import send\n\n\ndef test_send_{i}():\n    assert send({i}) == {i}\n"
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def test_is_test_module():
    assert is_test_module("tests/test_x.py") and is_test_module("shop/tests.py")
    assert is_test_module("shop/tests/tests_models.py")
    assert not is_test_module("tests/conftest.py") and not is_test_module("shop/migrations/0001_test_x.py")
    assert not is_test_module("shop/orders.py") and not is_test_module("tests/__init__.py")


def test_selects_the_tests_that_reach_the_component(tmp_path):
    index = RepoIndex.build(big_project(tmp_path / "p"))
    sel = select_tests(index, ["shop/pricing.py"], names=["price_rounding"])
    assert not sel.whole
    assert set(sel.targets) == {"tests/test_orders.py", "tests/test_tasks.py", "tests/test_price_rounding.py",
                                "shop/tests.py"}
    assert sel.total == SMALL_SUITE_FILES + 5 + 4
    assert "4 of 49 test modules selected" in sel.describe()
    assert set(sel.paths) == set(sel.targets)
    # Django labels for manage.py test
    dj = select_tests(index, ["shop/pricing.py"], kind="django")
    assert "tests.test_orders" in dj.targets and "shop.tests" in dj.targets
    assert "tests/test_orders.py" in dj.paths
    # asked for, a small suite, a command that takes no labels: the whole suite
    assert select_tests(index, ["shop/pricing.py"], full=True).whole
    assert select_tests(index, ["shop/pricing.py"], small=100).whole
    assert select_tests(index, ["shop/pricing.py"], kind="other").whole
    # nothing reaches the code: the whole suite, said so
    none = select_tests(index, ["nowhere.py"])
    assert none.whole and "no test module" in none.reason


@pytest.mark.slow
def test_localize_runs_only_the_selected_tests(tmp_path):
    from rootfix.pipeline import run_localize

    src = big_project(tmp_path / "src")
    (src / "shop" / "tasks.py").write_text(textwrap.dedent("""\
        from celery import shared_task

        from .orders import order_total


        @shared_task
        def total_task(lines):
            return order_total(lines)
        """))
    repo = make_git_repo(src, tmp_path / "repo")
    report = BugReport(component_type="background-worker", component_name="shop.tasks.total_task",
                       bug_description="totals are wrong", expected_behavior="e", actual_behavior="a")
    loc = run_localize(report, repo, python=PY, timeout=120)
    assert loc.baseline is not None
    ran = {o.nodeid.split("::")[0] for o in loc.baseline.outcomes}
    assert ran == {"tests/test_orders.py", "tests/test_tasks.py", "shop/tests.py"}, ran
    assert any("3 of 49 test modules selected" in n for n in loc.notes), loc.notes
