"""Exact discovery of the bundled sample project (deskly) and the resolution of its sample report."""
from __future__ import annotations

from pathlib import Path

import yaml

import rootfix.demo
from rootfix.discover import build_index, discover_components, resolve_component

DEMO = Path(rootfix.demo.__file__).parent
SAMPLE = DEMO / "sample"

EXPECTED = {
    ('background-worker', 'celery-task', 'tickets.tasks.notify_assignee', 'tickets/tasks.py', 'notify_assignee'),
    ('background-worker', 'celery-task', 'tickets.tasks.notify_customer', 'tickets/tasks.py', 'notify_customer'),
    ('background-worker', 'celery-task', 'tickets.tasks.escalate_overdue_tickets', 'tickets/tasks.py',
     'escalate_overdue_tickets'),
    ('cli-tool', 'management-command', 'close_stale_tickets', 'tickets/management/commands/close_stale_tickets.py',
     'Command.handle'),
    ('cli-tool', 'management-command', 'import_support_emails',
     'tickets/management/commands/import_support_emails.py', 'Command.handle'),
    ('scheduled-job', 'beat-schedule', 'escalate-overdue-tickets', 'tickets/tasks.py', 'escalate_overdue_tickets'),
}


def test_sample_discovery_is_exact() -> None:
    index = build_index(SAMPLE)
    assert index.errors == []
    got = {(c.type, c.flavor, c.name, c.file, c.symbol) for c in discover_components(index)}
    assert got == EXPECTED


def test_sample_beat_entry() -> None:
    comps = discover_components(build_index(SAMPLE))
    beat = resolve_component(comps, "scheduled-job", "escalate-overdue-tickets")
    assert (beat.target, beat.declared_in, dict(beat.details)["schedule"]) == (
        "tickets.tasks.escalate_overdue_tickets", "deskly/settings.py", "crontab(minute='*/10')")


def test_sample_bug_resolves_to_notify_assignee() -> None:
    report = yaml.safe_load((DEMO / "sample_bug.yaml").read_text())
    comps = discover_components(build_index(SAMPLE))
    comp = resolve_component(comps, report["component_type"], report["component_name"])
    assert (comp.type, comp.name, comp.file, comp.symbol) == (
        "background-worker", "tickets.tasks.notify_assignee", "tickets/tasks.py", "notify_assignee")
    # the task's def line, as report.json's component.line gives it
    source = (SAMPLE / comp.file).read_text().splitlines()
    assert source[comp.line - 1].startswith("def notify_assignee(")
