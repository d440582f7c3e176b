"""APScheduler set-up for ``manage.py run_scheduler``.

One scheduler process runs all the jobs in ``jobs.JOBS`` on the cron
expressions from ``settings.SCHEDULER_JOBS`` (local time). Only one instance
of each job may run at a time; a run missed while the process was down is run
once when it comes back, if it is less than an hour late.
"""
import logging
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import close_old_connections

from .jobs import JOBS

logger = logging.getLogger(__name__)

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 60 * 60}


def run_job(name):
    """Entry point APScheduler calls; keeps DB connections fresh between runs."""
    close_old_connections()
    try:
        return JOBS[name]()
    finally:
        close_old_connections()


def _on_event(event):
    if event.code == EVENT_JOB_MISSED:
        logger.error("job %s missed its run at %s", event.job_id, event.scheduled_run_time)
    elif event.exception is not None:
        logger.error("job %s failed: %r", event.job_id, event.exception, exc_info=(
            type(event.exception), event.exception, event.exception.__traceback__))


def build_scheduler(scheduler_class=BlockingScheduler):
    tz = ZoneInfo(settings.TIME_ZONE)
    scheduler = scheduler_class(timezone=tz, job_defaults=JOB_DEFAULTS)
    for name, crontab in settings.SCHEDULER_JOBS.items():
        if name not in JOBS:
            raise ValueError(f"SCHEDULER_JOBS has an unknown job {name!r}")
        scheduler.add_job(run_job, CronTrigger.from_crontab(crontab, timezone=tz), args=[name],
                          id=name, name=name, replace_existing=True)
    scheduler.add_listener(_on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    return scheduler
