"""Generated reproductions run the component as production does, in a real Django project."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.reproduce.generate import command_argv, generate_reproduction
from rootfix.types import BugReport, Component

PROJECT = {
    "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = ledgerapp.settings\npythonpath = .\naddopts = -p no:cacheprovider\n",
    "ledgerapp/__init__.py": "",
    "ledgerapp/settings.py": (
        "SECRET_KEY = 'x'\nUSE_TZ = True\nINSTALLED_APPS = ['django.contrib.contenttypes', 'books']\n"
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}\n"
        "DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'\n"
    ),
    "books/__init__.py": "",
    "books/models.py": (
        "from django.db import models\n\n\n"
        "class Ledger(models.Model):\n    day = models.DateField(unique=True)\n    closed = models.BooleanField(default=False)\n\n\n"
        "class Heartbeat(models.Model):\n    at = models.DateTimeField(auto_now_add=True)\n    source = models.CharField(max_length=20)\n"
    ),
    "books/jobs.py": (
        "from books.models import Heartbeat\n\n\n"
        "def record_heartbeat():\n    Heartbeat.objects.create(source='beat')\n\n\n"
        "def ensure_heartbeat():\n    Heartbeat.objects.get_or_create(source='beat')\n"
    ),
    "books/management/__init__.py": "",
    "books/management/commands/__init__.py": "",
    "books/management/commands/close_day.py": (
        "from django.core.management.base import BaseCommand\n\nfrom books.models import Ledger\n\n\n"
        "class Command(BaseCommand):\n"
        "    def add_arguments(self, parser):\n        parser.add_argument('--day')\n\n"
        "    def handle(self, *args, day=None, **options):\n"
        "        ledger = Ledger.objects.get(day=day)\n        ledger.closed = True\n        ledger.save()\n"
    ),
    "tests/__init__.py": "",
    "tests/test_models.py": "import pytest\n\n\n@pytest.mark.django_db\ndef test_nothing_yet():\n    pass\n",
}


def make_project(root: Path) -> Path:
    for rel, text in PROJECT.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def run(root: Path, path: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", path], cwd=root, capture_output=True, text=True,
                          timeout=300)


def report(**kw: str) -> BugReport:
    base = dict(component_type="cli-tool", component_name="close_day", bug_description="d",
                expected_behavior="e", actual_behavior="a")
    base.update(kw)
    return BugReport(**base)


def test_command_argv_from_report() -> None:
    r = report(error_message="$ python manage.py close_day --day 2024-03-01 | tee log\nboom")
    assert command_argv(r, "close_day") == ["--day", "2024-03-01"]
    assert command_argv(r, "other") is None


@pytest.mark.slow
def test_command_reproduction_fails_with_reported_error(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    r = report(error_message="$ ./manage.py close_day --day 2024-03-01\nbooks.models.Ledger.DoesNotExist: ...")
    comp = Component("cli-tool", "management-command", "close_day", (), "books/management/commands/close_day.py",
                     "Command.handle", 9)
    path, source = generate_reproduction(RepoIndex.build(root), r, comp)
    (root / path).write_text(source)
    proc = run(root, path)
    assert proc.returncode == 1 and "DoesNotExist" in proc.stdout


@pytest.mark.slow
def test_job_run_twice_finds_duplicates_and_spares_idempotent_twin(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    index = RepoIndex.build(root)
    for symbol, expected in (("record_heartbeat", 1), ("ensure_heartbeat", 0)):
        comp = Component("scheduled-job", "beat-schedule", symbol, (), "books/jobs.py", symbol,
                         index.lookup_function(f"books.jobs.{symbol}").line)
        path, source = generate_reproduction(index, report(component_type="scheduled-job"), comp)
        (root / path).write_text(source)
        proc = run(root, path)
        assert proc.returncode == expected, proc.stdout
        if expected:
            assert "a second run added rows" in proc.stdout


@pytest.mark.slow
def test_reproduce_stage_uses_generated_run_only_when_it_shows_the_bug(tmp_path: Path) -> None:
    """The stage falls back to a generated run; a failure unlike the report's is not a reproduction."""
    from conftest import make_git_repo
    from rootfix.reproduce.runner import reproduce

    repo = make_git_repo(make_project(tmp_path / "src"), tmp_path / "repo")
    comp = Component("cli-tool", "management-command", "close_day", (), "books/management/commands/close_day.py",
                     "Command.handle", 9)
    traceback = (
        "$ python manage.py close_day --day 2024-03-01\n"
        "Traceback (most recent call last):\n"
        '  File "/srv/ledger/books/management/commands/close_day.py", line 11, in handle\n'
        "    ledger = Ledger.objects.get(day=day)\n"
        "books.models.Ledger.DoesNotExist: Ledger matching query does not exist.\n")
    shown = reproduce(repo, sys.executable, report(error_message=traceback), baseline=None, component=comp)
    assert shown.kind == "generated" and shown.reproduced and shown.matched_error
    assert shown.generated_file and shown.generated_file[0] == "tests/test_rootfix_reproduction.py"
    other = reproduce(repo, sys.executable, report(
        error_message=traceback.replace("books.models.Ledger.DoesNotExist: Ledger matching query does not exist.",
                                        "ValueError: day out of range")), baseline=None, component=comp)
    assert other.kind == "none"
