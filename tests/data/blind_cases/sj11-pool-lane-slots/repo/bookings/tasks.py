import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import jobs, reports, scheduling

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def generate_lane_slots():
    """Nightly: make sure every day of the booking horizon (tomorrow onwards) has its lane slots."""
    first_day = timezone.localdate() + timedelta(days=1)
    result = scheduling.build_lane_slots(first_day, days=settings.LANE_BOOKING_HORIZON_DAYS)
    return result.created


@shared_task(ignore_result=True)
def release_expired_holds():
    return jobs.release_expired_holds()


@shared_task(ignore_result=True)
def send_booking_reminders():
    return jobs.send_booking_reminders()


@shared_task(ignore_result=True)
def mark_no_shows():
    return jobs.mark_no_shows()


@shared_task(ignore_result=True)
def send_occupancy_report():
    reports.send_daily_report()
