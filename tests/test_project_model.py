"""The project model: one reader per fact (settings, tasks, components, signal receivers, test layout, scope)."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.project.model import (
    COMPONENT_REACH_DEPTH, REACH_DEPTH, Project, find_settings_files, is_test_file, is_test_module,
)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, src in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(src).lstrip("\n"))
    return root


PROJECT = {
    "proj/__init__.py": "",
    "proj/settings/__init__.py": "from .base import *\n",
    "proj/settings/base.py": "USE_TZ = True\nTIME_ZONE = 'Europe/Paris'\nDATABASES = {'default': {}}\n",
    "proj/settings/prod.py": "TIME_ZONE = 'UTC'\nDEBUG = False\n",
    "proj/test_settings.py": "TIME_ZONE = 'Asia/Tokyo'\nTEST_ONLY = 1\n",
    "proj/celery.py": """
        from celery import Celery
        app = Celery("proj")
        app.conf.task_serializer = "pickle"
        app.conf.beat_schedule = {"nightly": {"task": "shop.tasks.nightly", "schedule": 60}}
    """,
    "shop/__init__.py": "",
    "shop/tasks.py": """
        from celery import shared_task, Task
        from celery.contrib.abortable import AbortableTask
        from proj.celery import app
        from shop.helpers import a

        @shared_task
        def nightly():
            a()

        class Charge(Task):
            name = "shop.charge"
            def run(self, order_id):
                return order_id

        class Long(AbortableTask):
            name = "shop.long"
            def run(self):
                pass

        class AppTask(app.Task):
            def run(self):
                pass
    """,
    "shop/helpers.py": """
        def a():
            b()
        def b():
            c()
        def c():
            d()
        def d():
            e()
        def e():
            pass
    """,
    "shop/signals.py": """
        from django.db.models.signals import post_save
        from django.dispatch import receiver
        from shop.models import Order

        @receiver(post_save, sender=Order)
        def on_order(sender, instance, **kw):
            pass

        def on_other(sender, **kw):
            pass

        post_save.connect(on_other, sender=Order)
    """,
    "shop/models.py": "from django.db import models\n\nclass Order(models.Model):\n    pass\n",
    "shop/management/__init__.py": "",
    "shop/management/commands/__init__.py": "",
    "shop/management/commands/resync.py": """
        from django.core.management.base import BaseCommand

        class Command(BaseCommand):
            def handle(self, *args, **options):
                pass
    """,
    "shop/tests.py": "def test_x():\n    pass\n",
}


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    write(tmp_path, PROJECT)
    return Project.of(RepoIndex.build(tmp_path))


def test_built_once_per_index(project: Project):
    assert Project.of(project.index) is project


def test_settings_one_reader_one_precedence(project: Project):
    s = project.settings
    # base package before per-environment modules, production before test settings
    assert s["TIME_ZONE"] == "Europe/Paris" and s["USE_TZ"] is True and s["DEBUG"] is False
    assert s["TEST_ONLY"] == 1  # test settings still fill what production does not set
    assert s["CELERY_TASK_SERIALIZER"] == "pickle"
    found = find_settings_files(project.root, [project.root / p for p in project.index.by_path])
    files = [p.relative_to(project.root).as_posix() for p in found]
    assert files[0] == "proj/settings/__init__.py" and files[-1] == "proj/test_settings.py"


def test_tasks_of_every_form(project: Project):
    tasks = project.tasks
    assert {"shop.tasks.nightly", "shop.tasks.Charge.run", "shop.tasks.Long.run", "shop.tasks.AppTask.run"} \
        <= set(tasks)
    assert tasks["shop.tasks.nightly"].kind == "decorator" and tasks["shop.tasks.Charge.run"].bound


def test_components_commands_schedules(project: Project):
    assert [c.name for c in project.commands] == ["resync"]
    assert any(c.target == "shop.tasks.nightly" or "nightly" in c.name for c in project.schedules)
    assert all(not is_test_file(c.file) for c in project.components)


def test_signal_receivers(project: Project):
    got = {q: sig for q, (_, sig) in project.signal_receivers.items()}
    assert got == {"shop.signals.on_order": "post_save", "shop.signals.on_other": "post_save"}


def test_scope_and_reach_depths(project: Project):
    worker = project.scope("background-worker")
    assert "shop.tasks.nightly" in worker and "shop.helpers.c" in worker  # nightly -> a -> b -> c
    assert "shop.helpers.d" not in worker  # REACH_DEPTH calls away at most
    assert REACH_DEPTH == 3 and COMPONENT_REACH_DEPTH == 4
    nightly = next(c for c in project.components if c.symbol == "nightly" and c.type == "background-worker")
    assert "shop.helpers.d" in project.reach(nightly) and "shop.helpers.e" not in project.reach(nightly)
    assert "shop.management.commands.resync.Command.handle" in project.scope(["cli-tool"])


@pytest.mark.parametrize(("path", "test_file", "test_module"), [
    ("app/tests.py", True, True),
    ("app/tests/test_x.py", True, True),
    ("app/tests/factories.py", True, False),
    ("app/x_test.py", True, True),
    ("app/x_tests.py", True, True),
    ("conftest.py", True, False),
    ("testing/helpers.py", True, False),
    ("app/testimony.py", False, False),
    ("app/services.py", False, False),
    ("proj/test_settings.py", True, True),
])
def test_one_test_layout_predicate(path: str, test_file: bool, test_module: bool):
    assert is_test_file(path) is test_file
    assert is_test_module(path) is test_module
