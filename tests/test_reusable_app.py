"""A reusable app (no manage.py): its components, its own test settings and runner, `rootfix fix` end to end.

The bed is tests/fixtures/remindly: a beat scheduler app with runtests.py, tox.ini, tests/settings.py and
its own TEST_RUNNER, and a planted bug (purge_reminders reads ``dryrun`` for ``--dry-run``).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from rootfix.discover.components import discover_components
from rootfix.discover.index import RepoIndex
from rootfix.discover.resolve import resolve_component
from rootfix.validate.runner import command_kind, detect_test_command, find_test_settings

APP = FIXTURES / "remindly"
REPORT = ROOT / "tests" / "data" / "remindly" / "purge-dry-run.yaml"


def rootfix(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rootfix", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def test_components_of_a_reusable_app():
    comps = discover_components(RepoIndex.build(APP))
    got = {(c.type, c.flavor, c.name, c.file, c.symbol) for c in comps}
    assert got == {
        ("background-worker", "celery-task", "remindly.tasks.disable_expired_reminders", "remindly/tasks.py",
         "disable_expired_reminders"),
        ("cli-tool", "management-command", "purge_reminders", "remindly/management/commands/purge_reminders.py",
         "Command.handle"),
        ("scheduled-job", "beat-scheduler", "remindly.schedulers.ReminderScheduler", "remindly/schedulers.py",
         "ReminderScheduler"),
        ("scheduled-job", "signal-receiver", "remindly.signals.reminders_changed", "remindly/signals.py",
         "reminders_changed"),
        ("scheduled-job", "model-method", "remindly.models.Reminder.save", "remindly/models.py", "Reminder.save"),
    }
    # runtests.py is how the tests run, not a component
    assert not any(c.file == "runtests.py" for c in comps)
    # names as users write them
    sched = resolve_component(comps, "scheduled-job",
                              "celery beat with the database scheduler (remindly.schedulers:ReminderScheduler)")
    assert sched.flavor == "beat-scheduler"
    assert resolve_component(comps, "scheduled-job", "Reminder.save").symbol == "Reminder.save"


def test_test_command_uses_the_apps_test_settings(tmp_path):
    assert find_test_settings(APP) == ("tests.settings", "runtests.py")
    argv = detect_test_command(APP)
    assert argv == ["python", "-m", "django", "test", "--settings=tests.settings"]
    assert command_kind(argv) == "django"
    # from tox.ini's setenv when runtests.py names none; from the file alone as a last resort
    app = tmp_path / "app"
    (app / "tests").mkdir(parents=True)
    (app / "tests" / "__init__.py").write_text("")
    (app / "tests" / "conf.py").write_text("SECRET_KEY = 'x'\n")
    (app / "tox.ini").write_text("[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE = tests.conf\ncommands = python runtests.py\n")
    assert find_test_settings(app) == ("tests.conf", "tox.ini")
    (app / "tox.ini").unlink()
    (app / "runtests.py").write_text("import sys\n")
    assert detect_test_command(app) == ["python", "runtests.py"]
    (app / "tests" / "settings.py").write_text("SECRET_KEY = 'x'\n")
    assert find_test_settings(app) == ("tests.settings", "tests/settings.py")


def test_components_cli(tmp_path):
    p = rootfix("components", "--repo", str(APP), "--format", "json")
    assert p.returncode == 0, p.stderr
    flavors = {c["flavor"] for c in json.loads(p.stdout)}
    assert {"beat-scheduler", "signal-receiver", "model-method", "management-command", "celery-task"} <= flavors


@pytest.mark.slow
def test_fix_a_reusable_app_end_to_end(project_repo, tmp_path):
    repo = project_repo("remindly")
    out = tmp_path / "out"
    p = rootfix("fix", str(REPORT), "--repo", str(repo), "--out", str(out))
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    data = json.loads((out / "report.json").read_text())
    assert data["status"] == "fixed"
    diff = (out / "fix.diff").read_text()
    assert 'options.get("dry_run")' in diff or "options.get('dry_run')" in diff, diff
    # the app's 8 tests ran through its own settings and runner, with per-test outcomes, plus the new one
    assert "python -m django test --settings=tests.settings" in p.stdout + p.stderr
    assert data["validation"]["baseline"] == {"passed": 8, "failed": 0}
    assert data["validation"]["after"] == {"passed": 9, "failed": 0}


@pytest.mark.slow
def test_generated_reproduction_runs_with_the_django_runner(project_repo):
    from rootfix.reproduce.runner import reproduce
    from rootfix.types import BugReport

    repo = project_repo("remindly")
    report = BugReport(
        component_type="cli-tool", component_name="purge_reminders",
        bug_description="`$ python manage.py purge_reminders --days 1w` crashes",
        expected_behavior="--days accepts a week", actual_behavior="it crashes",
        error_message="django.core.management.base.CommandError: Error: argument --days: invalid int value: '1w'")
    comps = discover_components(RepoIndex.build(repo))
    component = resolve_component(comps, "cli-tool", "purge_reminders")
    r = reproduce(repo, sys.executable, report, baseline=None, component=component, timeout=300)
    assert r.kind == "generated" and r.reproduced and r.matched_error is True, (r.kind, r.note, r.output[-2000:])
    path, text = r.generated_file
    assert "class RootfixReproduction(TestCase)" in text and "import pytest" not in text
    assert r.targets == (path,)


def test_library_layout_with_a_test_project_manage_py(tmp_path):
    """django-celery-beat's layout: a manage.py that only runs the app's test project, receivers wired by
    ``signal.connect``, a scheduler deriving from celery's through a base class of the app."""
    files = {
        "setup.cfg": "[metadata]\nname = django-beatlib\n",
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 't.proj.settings')\n",
        "t/__init__.py": "", "t/proj/__init__.py": "", "t/proj/settings.py": "SECRET_KEY = 'x'\n",
        "beatlib/__init__.py": "",
        "beatlib/base.py": "from celery.beat import Scheduler\n\n\nclass BaseDbScheduler(Scheduler):\n    pass\n",
        "beatlib/schedulers.py": "from .base import BaseDbScheduler\n\n\nclass DbScheduler(BaseDbScheduler):\n"
                                 "    def tick(self):\n        return 5\n",
        "beatlib/models.py": "from django.db import models\n\n\nclass Job(models.Model):\n    def save(self, *a, **k):\n"
                             "        super().save(*a, **k)\n\n\ndef job_changed(sender, instance, **kwargs):\n    pass\n",
        "beatlib/signals.py": "from django.db.models import signals\n\nfrom .models import Job, job_changed\n\n\n"
                              "def connect():\n    signals.post_save.connect(job_changed, sender=Job)\n",
    }
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    comps = {(c.flavor, c.name) for c in discover_components(RepoIndex.build(tmp_path))}
    assert ("beat-scheduler", "beatlib.schedulers.DbScheduler") in comps
    assert ("beat-scheduler", "beatlib.base.BaseDbScheduler") in comps
    assert ("signal-receiver", "beatlib.models.job_changed") in comps
    assert ("model-method", "beatlib.models.Job.save") in comps
    # a project's manage.py (its own settings): the project inventory only
    (tmp_path / "manage.py").write_text("import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n")
    assert not any(f in ("beat-scheduler", "signal-receiver", "model-method")
                   for f, _ in {(c.flavor, c.name) for c in discover_components(RepoIndex.build(tmp_path))})
