"""Dramatiq actors and Huey tasks are components: background workers, and Huey's periodic tasks scheduled jobs."""
from __future__ import annotations

from pathlib import Path

from rootfix.discover import build_index, discover_components

ACTORS = '''import dramatiq
from django.db import models


@dramatiq.actor(queue_name="partners", max_retries=5)
def fetch_quote(quote_id):
    return quote_id


@dramatiq.actor(actor_name="bind", max_retries=0)
def bind_policy(policy_id):
    return policy_id


def helper(x):  # not an actor
    return x
'''
HUEY_TASKS = '''from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, task


@db_periodic_task(crontab(minute="0", hour="15"), retries=2)
def send_refill_reminders():
    return None


@db_task()
def resend_reminder(reminder_id):
    return reminder_id


@task
def plain(x):
    return x
'''


def test_dramatiq_actors_and_huey_tasks_are_found(tmp_path: Path) -> None:
    (tmp_path / "quotes").mkdir()
    (tmp_path / "quotes" / "__init__.py").write_text("")
    (tmp_path / "quotes" / "actors.py").write_text(ACTORS)
    (tmp_path / "pharmacy").mkdir()
    (tmp_path / "pharmacy" / "__init__.py").write_text("")
    (tmp_path / "pharmacy" / "tasks.py").write_text(HUEY_TASKS)
    found = {(c.type, c.flavor, c.name, c.symbol) for c in discover_components(build_index(tmp_path))}
    assert ("background-worker", "dramatiq-actor", "quotes.actors.fetch_quote", "fetch_quote") in found
    assert ("background-worker", "dramatiq-actor", "bind", "bind_policy") in found
    assert not any(c[3] == "helper" for c in found)
    for symbol in ("send_refill_reminders", "resend_reminder", "plain"):
        assert ("background-worker", "huey-task", f"pharmacy.tasks.{symbol}", symbol) in found
    scheduled = {c[3] for c in found if c[0] == "scheduled-job"}
    assert scheduled == {"send_refill_reminders"}  # only the periodic one runs on a schedule
