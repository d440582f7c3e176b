"""Maintenance jobs run by ``manage.py run_scheduler`` (APScheduler 3)."""
import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from imagery import maintenance
from orbitgrid.db import closes_db_connections

logger = logging.getLogger(__name__)


def build_scheduler(scheduler_class=BlockingScheduler):
    scheduler = scheduler_class(timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1})
    # APScheduler runs each job in a thread of its executor pool.
    scheduler.add_job(
        closes_db_connections(maintenance.expire_stuck_runs),
        IntervalTrigger(minutes=10),
        id="expire-stuck-runs",
        replace_existing=True,
    )
    scheduler.add_job(
        closes_db_connections(maintenance.requeue_failed_scenes),
        IntervalTrigger(hours=1),
        id="requeue-failed-scenes",
        replace_existing=True,
    )
    scheduler.add_job(
        closes_db_connections(maintenance.purge_superseded_tiles),
        CronTrigger(hour=3, minute=30),
        id="purge-superseded-tiles",
        replace_existing=True,
    )
    return scheduler
