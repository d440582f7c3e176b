"""Discovery of jobs scheduled by a project's own registry decorator (``@register_job("nightly")``,
``@scheduler.job("0 3 * * *")`` on a project instance), and of the decorators that must not count."""
from __future__ import annotations

from pathlib import Path

from rootfix.discover import discover_components, resolve_component
from rootfix.discover.index import RepoIndex

REGISTRY_FUNCTION = {
    "ops/__init__.py": "",
    "ops/scheduler.py": (
        "JOBS = {}\n\n\n"
        "def register_job(schedule):\n"
        "    def decorator(func):\n"
        "        JOBS[func.__name__] = (schedule, func)\n"
        "        return func\n"
        "    return decorator\n"),
    "ops/jobs.py": (
        "from ops.scheduler import register_job\n\n\n"
        "@register_job('nightly')\n"
        "def purge_sessions():\n"
        "    pass\n"),
}

REGISTRY_INSTANCE = {
    "core/__init__.py": "",
    "core/cron.py": (
        "class Scheduler:\n"
        "    def __init__(self):\n"
        "        self.entries = []\n\n"
        "    def job(self, spec):\n"
        "        def wrap(func):\n"
        "            self.entries.append((spec, func))\n"
        "            return func\n"
        "        return wrap\n\n\n"
        "scheduler = Scheduler()\n"),
    "billing/__init__.py": "",
    "billing/nightly.py": (
        "from core.cron import scheduler\n\n\n"
        "@scheduler.job('0 3 * * *')\n"
        "def charge_renewals():\n"
        "    pass\n"),
}

NOT_REGISTRIES = {
    "util/__init__.py": "",
    "util/deco.py": (
        "import functools\n\n\n"
        "def log_job(func):  # a job-ish name, but it only wraps: nothing is registered\n"
        "    @functools.wraps(func)\n"
        "    def inner(*a, **k):\n"
        "        return func(*a, **k)\n"
        "    return inner\n\n\n"
        "HANDLERS = {}\n\n\n"
        "def on_event(name):  # a registry, but not of scheduled jobs\n"
        "    def deco(func):\n"
        "        HANDLERS[name] = func\n"
        "        return func\n"
        "    return deco\n"),
    "util/hooks.py": (
        "from util.deco import log_job, on_event\n\n\n"
        "@log_job\ndef a():\n    pass\n\n\n"
        "@on_event('saved')\ndef b():\n    pass\n"),
}


def _write(root: Path, files: dict[str, str]) -> RepoIndex:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return RepoIndex.build(root)


def _jobs(index: RepoIndex) -> set[tuple]:
    return {(c.flavor, c.name, c.file, c.symbol) for c in discover_components(index) if c.type == "scheduled-job"}


def test_registry_function_decorator_is_a_scheduled_job(tmp_path: Path) -> None:
    index = _write(tmp_path, REGISTRY_FUNCTION)
    assert _jobs(index) == {("registry", "purge_sessions", "ops/jobs.py", "purge_sessions")}
    comp = next(c for c in discover_components(index) if c.type == "scheduled-job")
    assert dict(comp.details)["schedule"] == "'nightly'"
    assert resolve_component(discover_components(index), "scheduled-job", "purge sessions (ops.jobs.purge_sessions)").symbol == "purge_sessions"


def test_registry_method_on_a_project_instance_is_a_scheduled_job(tmp_path: Path) -> None:
    index = _write(tmp_path, REGISTRY_INSTANCE)
    assert _jobs(index) == {("registry", "charge_renewals", "billing/nightly.py", "charge_renewals")}


def test_wrappers_and_other_registries_are_not_jobs(tmp_path: Path) -> None:
    index = _write(tmp_path, NOT_REGISTRIES)
    assert _jobs(index) == set()


DISPATCHER = {
    "bakery/__init__.py": "",
    "bakery/settings.py": "SCHEDULER_JOBS = {'production-sheet': '30 20 * * *', 'purge': '0 3 * * sun'}\n",
    "bakery/jobs.py": (
        "def build_sheet():\n    return plan()\n\n\n"
        "def plan():\n    return 1\n\n\n"
        "def purge():\n    pass\n\n\n"
        "JOBS = {'production-sheet': build_sheet, 'purge': purge}\n"),
    "bakery/scheduler.py": (
        "from apscheduler.schedulers.blocking import BlockingScheduler\n"
        "from django.conf import settings\n\n"
        "from bakery.jobs import JOBS\n\n\n"
        "def run_job(name):\n"
        "    return JOBS[name]()\n\n\n"
        "def build_scheduler():\n"
        "    scheduler = BlockingScheduler()\n"
        "    for name, spec in settings.SCHEDULER_JOBS.items():\n"
        "        scheduler.add_job(run_job, 'cron', args=[name], id=name)\n"
        "    return scheduler\n"),
}


def test_a_dispatcher_handed_to_the_scheduler_schedules_each_job_of_its_table(tmp_path: Path) -> None:
    """``add_job(run_job, args=[name])`` where ``run_job(name)`` runs ``JOBS[name]()``: the scheduler runs the
    table's jobs, each under its table key, and a job's reach goes on into what it calls."""
    from rootfix.project.model import Project

    index = _write(tmp_path, DISPATCHER)
    assert _jobs(index) == {("apscheduler", "production-sheet", "bakery/jobs.py", "build_sheet"),
                            ("apscheduler", "purge", "bakery/jobs.py", "purge")}
    # and code that calls the dispatcher reaches every job of the table
    project = Project.of(index)
    reached = {fn.qualname for fn, _ in project.reachable(index.functions["bakery.scheduler.run_job"], 2)}
    assert {"bakery.jobs.build_sheet", "bakery.jobs.purge", "bakery.jobs.plan"} <= reached
