"""Scenario replay: finding the project's tests that reach a function, and writing the replay module."""
from __future__ import annotations

import ast
from pathlib import Path

from rootfix.discover.index import RepoIndex
from rootfix.regress import scenario

PROJECT = {
    "shop/__init__.py": "",
    "shop/tasks.py": (
        "from celery import shared_task\nfrom .services import settle\n\n"
        "@shared_task\ndef settle_later(pk):\n    settle(pk)\n"
    ),
    "shop/services.py": "def settle(pk):\n    return _ledger(pk)\n\ndef _ledger(pk):\n    return pk\n",
    "shop/management/__init__.py": "",
    "shop/management/commands/__init__.py": "",
    "shop/management/commands/settle_all.py": (
        "from django.core.management.base import BaseCommand\nfrom shop.services import settle\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        settle(1)\n"
    ),
    "tests/__init__.py": "",
    "tests/conftest.py": "import pytest\n\n@pytest.fixture\ndef invoice(db):\n    return 1\n",
    "tests/test_shop.py": (
        "import pytest\nfrom django.core.management import call_command\nfrom django.test import TestCase\n"
        "from shop.services import settle\nfrom shop.tasks import settle_later\n\n"
        "@pytest.fixture\ndef amount():\n    return 5\n\n"
        "def test_direct(invoice, amount):\n    assert settle(invoice) == 1\n\n"
        "def test_task():\n    settle_later.delay(1)\n\n"
        "def test_command():\n    call_command('settle_all')\n\n"
        "def test_unrelated():\n    assert True\n\n"
        "class SettleTests(TestCase):\n    def test_one(self):\n        settle(1)\n\n"
        "    def test_other(self):\n        pass\n\n"
        "class TestPlain:\n    def test_plain(self):\n        settle(2)\n"
    ),
}


def build(tmp_path: Path) -> RepoIndex:
    for rel, text in PROJECT.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return RepoIndex.build(tmp_path)


def test_scenarios_are_found_through_helpers_tasks_and_commands(tmp_path: Path) -> None:
    index = build(tmp_path)
    ledger = index.lookup_function("shop.services._ledger")
    found = scenario.find_scenarios(index, [ledger])
    assert [(s.name, s.distance, s.style) for s in found] == [
        ("SettleTests.test_one", 1, "unittest"),
        ("TestPlain.test_plain", 1, "pytest-class"),
        ("test_direct", 1, "pytest"),
        ("test_command", 2, "pytest"),
        ("test_task", 2, "pytest"),
    ]
    assert found[0].module == "tests.test_shop"
    assert found[3].via == ("tests.test_shop.test_command", "shop.management.commands.settle_all.Command.handle",
                            "shop.services.settle", "shop.services._ledger")


def test_replay_module_imports_tests_and_fixtures_and_subclasses_testcases(tmp_path: Path) -> None:
    index = build(tmp_path)
    settle = index.lookup_function("shop.services.settle")
    path, source = scenario.replay_test(index, [settle], scenario.PUBLISH_AFTER_COMMIT, code="WRK301",
                                        symbol="settle")
    assert path == "tests/test_rootfix_wrk301_settle.py"
    tree = ast.parse(source)
    imported = {a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    assert {"amount", "test_direct", "test_task", "test_command"} <= imported
    assert "test_unrelated" not in imported and "invoice" not in imported  # conftest fixtures apply anyway
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.startswith("Test")}
    assert set(classes) == {"TestSettleTestsPublishAfterCommit", "TestPlainPublishAfterCommit"}
    assert "test_other = None" in ast.unparse(classes["TestSettleTestsPublishAfterCommit"])
    assert "def setUp" in ast.unparse(classes["TestSettleTestsPublishAfterCommit"])


def test_no_scenario_no_test(tmp_path: Path) -> None:
    index = build(tmp_path)
    (tmp_path / "shop/unused.py").write_text("def orphan():\n    return 1\n")
    index = RepoIndex.build(tmp_path)
    assert scenario.replay_test(index, [index.lookup_function("shop.unused.orphan")],
                                scenario.PUBLISH_AFTER_COMMIT, code="WRK301", symbol="orphan") is None


def test_replayed_tests_get_their_marks_on_a_copy(tmp_path: Path) -> None:
    """A replay module imports the project's test functions: the marks it gives them (the module's
    ``pytestmark``) go on a copy, the test's own first, so that the project's own test keeps its marks
    (``django_db(transaction=True)`` must stay the closest) when both modules run in one session."""
    import pytest

    from rootfix.regress.reaching import MARKS

    PROJECT_MARKED = dict(PROJECT)
    PROJECT_MARKED["tests/test_shop.py"] = PROJECT["tests/test_shop.py"].replace(
        "from shop.services import settle\n",
        "from shop.services import settle\n\npytestmark = pytest.mark.django_db(databases='__all__')\n")
    for rel, text in PROJECT_MARKED.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    index = RepoIndex.build(tmp_path)
    _, source = scenario.replay_test(index, [index.lookup_function("shop.services.settle")],
                                     scenario.PUBLISH_AFTER_COMMIT, code="WRK301", symbol="settle")
    assert "test_direct = _copy(test_direct)" in source

    ns: dict = {}
    exec(MARKS, ns)

    class Module:
        pytestmark = pytest.mark.django_db(databases="__all__")

    @pytest.mark.django_db(transaction=True)
    def test_x() -> None:
        pass

    own = list(test_x.pytestmark)
    copy = ns["_copy"](test_x)
    copy.pytestmark = ns["_marks"](Module, copy)
    assert test_x.pytestmark == own  # the project's test is untouched
    assert copy is not test_x and copy.__code__ is test_x.__code__
    assert copy.pytestmark[0].kwargs == {"transaction": True}  # the closest mark is the test's own
    assert copy.pytestmark[1].kwargs == {"databases": "__all__"}
