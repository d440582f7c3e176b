import logging

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MISSED
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings

from . import jobs

logger = logging.getLogger(__name__)

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}


def _on_event(event):
    if event.code == EVENT_JOB_MISSED:
        logger.warning("job %s missed its run at %s", event.job_id, event.scheduled_run_time)
    elif event.exception is not None:
        logger.error("job %s failed: %r", event.job_id, event.exception)


def build_scheduler(scheduler_class=BlockingScheduler):
    scheduler = scheduler_class(timezone=settings.TIME_ZONE, job_defaults=JOB_DEFAULTS)
    scheduler.add_job(jobs.import_pump_logs, CronTrigger(hour=2, minute=15),
                      id="import_pump_logs", name="import pump logs", replace_existing=True)
    scheduler.add_job(jobs.export_daily_summary, CronTrigger(hour=3, minute=0),
                      id="export_daily_summary", name="export daily fuel summary", replace_existing=True)
    scheduler.add_job(jobs.purge_archived_logs, CronTrigger(day_of_week="sun", hour=4, minute=0),
                      id="purge_archived_logs", name="purge archived pump logs", replace_existing=True)
    scheduler.add_listener(_on_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    return scheduler
