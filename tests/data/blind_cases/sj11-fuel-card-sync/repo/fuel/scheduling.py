"""When each periodic job runs. Used by ``run_scheduler`` (and ``run_job`` for the names)."""
import functools
import logging
from dataclasses import dataclass
from typing import Callable

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.db import close_old_connections

from . import jobs

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: Callable
    trigger: Callable[[], object]


JOB_SPECS = [
    JobSpec("fuel-sync", jobs.sync_fuel_card_transactions,
            lambda: IntervalTrigger(minutes=settings.FUEL_SYNC_INTERVAL_MINUTES)),
    JobSpec("fuel-anomalies", jobs.flag_fuel_anomalies,
            lambda: CronTrigger(minute="5,35", timezone=settings.TIME_ZONE)),
    JobSpec("fuel-rebook-unknown", jobs.rebook_unknown_card_transactions,
            lambda: CronTrigger(hour="6-20", minute=45, timezone=settings.TIME_ZONE)),
    JobSpec("fuel-depot-summary", jobs.send_depot_fuel_summaries,
            lambda: CronTrigger(hour=7, minute=0, timezone=settings.TIME_ZONE)),
]
JOBS = {spec.id: spec for spec in JOB_SPECS}


def django_job(job_id, func):
    """Wrap a job for a long-running process: fresh DB connection per run, log failures."""

    @functools.wraps(func)
    def run():
        close_old_connections()
        try:
            return func()
        except Exception:
            logger.exception("scheduled job %s failed", job_id)
            raise
        finally:
            close_old_connections()

    return run


def register_jobs(scheduler):
    for spec in JOB_SPECS:
        scheduler.add_job(
            django_job(spec.id, spec.func),
            trigger=spec.trigger(),
            id=spec.id,
            name=spec.id,
            replace_existing=True,
        )
    return scheduler
