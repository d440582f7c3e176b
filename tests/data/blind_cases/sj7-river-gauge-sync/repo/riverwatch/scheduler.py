"""APScheduler setup for `manage.py run_scheduler` (one process per scheduler host)."""
import functools
import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.db import close_old_connections

from gauges.jobs import check_levels, prune_readings, sync_readings
from reports.jobs import build_daily_summaries

log = logging.getLogger(__name__)


def with_fresh_connection(func):
    """The scheduler process lives for weeks: drop stale DB connections around each run."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        close_old_connections()
        try:
            return func(*args, **kwargs)
        finally:
            close_old_connections()
    return wrapper


def job_specs():
    every = settings.RIVERWATCH["SYNC_EVERY_MINUTES"]
    tz = settings.TIME_ZONE
    return [
        ("sync_readings", sync_readings, IntervalTrigger(minutes=every, timezone=tz)),
        ("check_levels", check_levels, IntervalTrigger(minutes=every, timezone=tz, jitter=30)),
        ("build_daily_summaries", build_daily_summaries, CronTrigger(hour=1, minute=10, timezone=tz)),
        ("prune_readings", prune_readings, CronTrigger(day_of_week="sun", hour=3, minute=30, timezone=tz)),
    ]


def build_scheduler(scheduler_class=BlockingScheduler):
    scheduler = scheduler_class(timezone=settings.TIME_ZONE)
    for job_id, func, trigger in job_specs():
        scheduler.add_job(
            with_fresh_connection(func), trigger=trigger, id=job_id, name=job_id,
            max_instances=1, coalesce=True, misfire_grace_time=120, replace_existing=True,
        )
    return scheduler
