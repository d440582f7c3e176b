import logging
from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from rota.calendar import garden_today

from .models import DailyRainfall, RainReading

logger = logging.getLogger(__name__)

KEEP_READINGS_DAYS = 400


@shared_task
def record_daily_rainfall(day=None):
    """Store the gauge total of `day` (ISO date, default: yesterday). Runs just after midnight."""
    day = date.fromisoformat(day) if day else garden_today() - timedelta(days=1)
    readings = RainReading.objects.on_day(day)
    row, _ = DailyRainfall.objects.update_or_create(
        day=day,
        defaults={
            "total_mm": readings.total_mm(),
            "peak_10min_mm": readings.peak_mm(),
            "readings": readings.count(),
        },
    )
    logger.info("rainfall %s: %s mm from %s readings", day, row.total_mm, row.readings)
    return f"{row.total_mm:.1f}"


@shared_task
def purge_old_readings():
    """Drop raw readings older than KEEP_READINGS_DAYS; the daily totals stay."""
    cutoff = timezone.now() - timedelta(days=KEEP_READINGS_DAYS)
    deleted, _ = RainReading.objects.filter(recorded_at__lt=cutoff).delete()
    logger.info("purged %s readings older than %s", deleted, cutoff)
    return deleted
