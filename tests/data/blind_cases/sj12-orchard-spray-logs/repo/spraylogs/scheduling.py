"""When each job runs. Times are the server's local time (the app server runs on America/Vancouver)."""
import functools
import logging

import schedule

from . import jobs

logger = logging.getLogger(__name__)


def logged(job_name, func):
    """`schedule` stops the whole loop if a job raises, so log and carry on instead."""

    @functools.wraps(func)
    def wrapper():
        try:
            return func()
        except Exception:
            logger.exception("job %s failed", job_name)
            return None

    return wrapper


def register_jobs(scheduler=None):
    scheduler = scheduler or schedule.default_scheduler
    scheduler.every().monday.at("05:00").do(logged("spray_logs", jobs.submit_weekly_spray_logs)).tag("spray_logs")
    scheduler.every(2).hours.do(logged("spray_logs_retry", jobs.retry_failed_spray_logs)).tag("spray_logs_retry")
    scheduler.every().day.at("02:30").do(logged("product_register", jobs.refresh_product_register)).tag(
        "product_register")
    scheduler.every().day.at("06:15").do(logged("phi_warnings", jobs.phi_warnings)).tag("phi_warnings")
    return scheduler
