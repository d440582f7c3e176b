"""Periodic jobs (scheduled in spraylogs/scheduling.py, run by `manage.py run_jobs`)."""
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .compliance import send_phi_warnings
from .export import WeeklySprayLogExport
from .register import ProductRegisterSync
from .weeks import previous_week_start, week_start_of

logger = logging.getLogger(__name__)


def submit_weekly_spray_logs(today=None):
    """File last week's spray log for every active farm."""
    week_start = previous_week_start(today)
    counts = WeeklySprayLogExport().submit_week(week_start)
    logger.info("weekly spray logs for week of %s: %s", week_start, counts)
    return counts


def retry_failed_spray_logs(today=None):
    """Re-send weekly logs the portal rejected or never received."""
    today = today or timezone.localdate()
    since = week_start_of(today) - timedelta(weeks=settings.SPRAYLOG_RETRY_WEEKS)
    counts = WeeklySprayLogExport().retry_failed(since)
    if counts["submitted"] or counts["failed"]:
        logger.info("spray log retry: %s", counts)
    return counts


def refresh_product_register():
    counts = ProductRegisterSync().refresh()
    logger.info("product register refreshed: %s", counts)
    return counts


def phi_warnings(today=None):
    sent = send_phi_warnings(today)
    if sent:
        logger.info("sent %d pre-harvest interval warnings", sent)
    return sent


JOBS = {
    "spray_logs": submit_weekly_spray_logs,
    "spray_logs_retry": retry_failed_spray_logs,
    "product_register": refresh_product_register,
    "phi_warnings": phi_warnings,
}
