import logging
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction

from weather.models import RainReading

from . import notify
from .calendar import garden_today, next_week
from .models import WateringShift

logger = logging.getLogger(__name__)


@shared_task
def plan_daily_watering(day=None):
    """Morning run (6:00): remind today's volunteers, or cancel their shifts if yesterday was wet.

    `day` is an ISO date (default: today) so a missed morning can be re-run by hand.
    """
    today = date.fromisoformat(day) if day else garden_today()
    rain_mm = RainReading.objects.on_day(today - timedelta(days=1)).total_mm()
    shifts = list(
        WateringShift.objects.on_day(today).scheduled().select_related("gardener").prefetch_related("beds")
    )
    skip = rain_mm >= settings.GARDEN["RAIN_SKIP_MM"]
    sent = 0
    for shift in shifts:
        if skip:
            with transaction.atomic():
                shift.cancel_for_rain(rain_mm)
            notify.shift_cancelled(shift, rain_mm)
        elif shift.reminded_at is None:
            notify.shift_reminder(shift)
            shift.mark_reminded()
        else:
            continue
        sent += 1
    logger.info("watering %s: %s mm yesterday, %s shifts, %s (%s mails)", today, rain_mm, len(shifts),
                "cancelled" if skip else "on", sent)
    return {"day": today.isoformat(), "rain_mm": str(rain_mm), "cancelled": skip, "shifts": len(shifts)}


@shared_task
def send_weekly_digest():
    """Sunday evening: next week's rota to the coordinator."""
    days = next_week(garden_today())
    shifts = WateringShift.objects.between(days[0], days[-1]).select_related("gardener")
    notify.weekly_digest(settings.GARDEN["COORDINATOR_EMAIL"], list(shifts), days[0])
    return shifts.count()
