import logging

from celery import shared_task

from .weekly import weekly_totals

log = logging.getLogger(__name__)


@shared_task
def log_weekly_totals():
    totals = weekly_totals()
    for code, gross in totals.items():
        log.info("weekly takings %s: %s yen", code, gross)
    return totals
