"""Schedule of the telemetry service, run by ``manage.py run_scheduler``."""
import logging
import time

import schedule
from django.db import close_old_connections

from . import jobs

logger = logging.getLogger(__name__)


def run_safely(job):
    """Run one job; a failing job is logged and must not stop the scheduler loop."""
    name = getattr(job, "__name__", repr(job))
    close_old_connections()
    started = time.monotonic()
    try:
        result = job()
    except Exception:
        logger.exception("scheduled job %s failed after %.1fs", name, time.monotonic() - started)
        return None
    finally:
        close_old_connections()
    logger.debug("scheduled job %s finished in %.1fs: %r", name, time.monotonic() - started, result)
    return None


def register_jobs(scheduler):
    scheduler.every(5).minutes.do(run_safely, jobs.import_vehicle_telemetry).tag("telemetry")
    scheduler.every(5).minutes.do(run_safely, jobs.mark_silent_vehicles).tag("telemetry")
    scheduler.every(1).hours.do(run_safely, jobs.sync_vehicle_roster).tag("fleet")
    scheduler.every(6).hours.do(run_safely, jobs.purge_old_positions).tag("maintenance")
    return scheduler


def build_scheduler():
    return register_jobs(schedule.Scheduler())
