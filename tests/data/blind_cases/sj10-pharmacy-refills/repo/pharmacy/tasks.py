"""huey tasks for the pharmacy app.

Crontabs are evaluated in UTC (settings.HUEY["utc"]). Stores open at 8:00
Central, so 15:00 UTC lands mid-morning all year round.
"""
import datetime
import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .models import RefillReminder
from .services import (
    PickupNoticeService,
    RefillReminderService,
    compute_daily_stats,
    return_unclaimed_fills,
)

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="0", hour="15"), retries=2, retry_delay=600)
def send_refill_reminders():
    """Daily: text patients whose refill falls due in the next few days."""
    summary = RefillReminderService().run()
    return str(summary)


@db_periodic_task(crontab(minute="*/15", hour="13-23"))
def send_pickup_notices():
    """Every 15 minutes while stores are open: tell patients their fill is ready."""
    summary = PickupNoticeService().run()
    return str(summary)


@db_periodic_task(crontab(minute="30", hour="7"))
def return_unclaimed_fills_to_stock():
    """Nightly: fills nobody picked up go back on the shelf."""
    return return_unclaimed_fills()


@db_periodic_task(crontab(minute="45", hour="7"))
def rebuild_daily_store_stats():
    """Nightly: yesterday's per-store counters for the district dashboard."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return len(compute_daily_stats(yesterday))


@db_task(retries=3, retry_delay=120)
def resend_failed_refill_reminder(reminder_id):
    """Admin action: retry one reminder the provider refused earlier."""
    reminder = (
        RefillReminder.objects.select_related("prescription__patient__store")
        .filter(pk=reminder_id, status=RefillReminder.Status.FAILED)
        .first()
    )
    if reminder is None:
        logger.info("reminder %s is not in failed state; nothing to resend", reminder_id)
        return False
    prescription = reminder.prescription
    if prescription.refill_due_on != reminder.due_on:
        logger.info("reminder %s is for an old refill cycle; not resending", reminder_id)
        return False
    # Drop the failed attempt; remind() records the new one.
    reminder.delete()
    result = RefillReminderService().remind(prescription)
    return result is not None and result.status == RefillReminder.Status.SENT
