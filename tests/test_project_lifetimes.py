"""What the project model knows about how long a component's process lives, and which commands are developer
tools: the default ``check`` looks at state kept across runs only where a process outlives a run, and not at
commands that make test data."""
from __future__ import annotations

from pathlib import Path

from rootfix.check.engine import run_check
from rootfix.discover import build_index
from rootfix.project.model import Project, developer_command

MODELS = "from django.db import models\n\n\nclass Price(models.Model):\n    sku = models.CharField(max_length=20)\n"
STATE = '''from depot.models import Price

_SEEN = {}


def refresh_{name}():
    for price in Price.objects.all():
        if price.sku not in _SEEN:
            _SEEN[price.sku] = price.pk
'''


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _project(tmp_path: Path) -> Path:
    command = ("from django.core.management.base import BaseCommand\n\nfrom depot.{mod} import refresh_{name}\n\n\n"
               "class Command(BaseCommand):\n    help = {help!r}\n\n    def handle(self, *args, **options):\n"
               "        {body}\n")
    return _write(tmp_path, {
        "manage.py": "import django\n",
        "depot/__init__.py": "", "depot/models.py": MODELS,
        "depot/once.py": STATE.replace("{name}", "once"),
        "depot/loop.py": STATE.replace("{name}", "loop"),
        "depot/cron.py": STATE.replace("{name}", "cron"),
        "depot/beat.py": STATE.replace("{name}", "beat"),
        "depot/tasks.py": "from celery import shared_task\n\nfrom depot.beat import refresh_beat\n\n\n"
                          "@shared_task\ndef refresh_prices():\n    refresh_beat()\n",
        "proj/settings.py": "USE_TZ = True\nCRONJOBS = [('0 5 * * *', 'depot.cron.refresh_cron')]\n",
        "depot/management/__init__.py": "", "depot/management/commands/__init__.py": "",
        "depot/management/commands/refresh_once.py": command.format(
            mod="once", name="once", help="Refresh the price index", body="refresh_once()"),
        "depot/management/commands/run_refresher.py": command.format(
            mod="loop", name="loop", help="Refresh prices until stopped",
            body="while True:\n            refresh_loop()\n            self.stopping.wait(60)"),
        "depot/management/commands/create_demo_prices.py": command.format(
            mod="once", name="once", help="Fill the database", body="refresh_once()"),
        "depot/management/commands/load_prices.py": command.format(
            mod="once", name="once", help="Load a test set of data for the UI", body="refresh_once()"),
    })


def test_long_lived_scope_is_workers_in_process_schedulers_and_loops(tmp_path):
    project = Project.of(build_index(_project(tmp_path)))
    scope = project.long_lived_scope()
    assert "depot.beat.refresh_beat" in scope  # a task: the worker process runs many
    assert "depot.loop.refresh_loop" in scope  # a command that loops until stopped
    assert "depot.once.refresh_once" not in scope  # a one-off command: a fresh process per run
    assert "depot.cron.refresh_cron" not in scope  # django-crontab: `manage.py crontab run`, a fresh process


def test_state_across_runs_is_reported_only_where_the_process_outlives_a_run(tmp_path):
    root = _project(tmp_path)
    result = run_check([root], root=root, select=["JOB202"])
    assert sorted(f.file for f in result.findings) == ["depot/beat.py", "depot/loop.py"]
    # --all-code looks at every function
    result = run_check([root], root=root, select=["JOB202"], all_code=True)
    assert len(result.findings) == 4


def test_code_only_developer_commands_run_is_no_production_job(tmp_path):
    root = _project(tmp_path)
    _write(root, {"depot/samples.py": "from depot.models import Price\n\n\ndef make_prices():\n"
                                      "    Price.objects.create(sku='A-1')\n",
                  "depot/management/commands/create_demo_prices.py": (
                      "from django.core.management.base import BaseCommand\n\nfrom depot.samples import make_prices\n"
                      "\n\nclass Command(BaseCommand):\n    def handle(self, *args, **options):\n"
                      "        make_prices()\n")})
    index = build_index(root)
    dev = {p.rsplit("/", 1)[-1] for p, info in index.by_path.items() if developer_command(info)}
    assert dev == {"create_demo_prices.py", "load_prices.py"}
    project = Project.of(index)
    assert project.developer_only(index.functions["depot.samples.make_prices"])
    # reached by a one-off production command too: production code
    assert not project.developer_only(index.functions["depot.once.refresh_once"])
