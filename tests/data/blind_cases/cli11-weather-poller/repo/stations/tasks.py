import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from outbox.services import enqueue

from .models import Station
from .summaries import summarize_all

logger = logging.getLogger("agromet.tasks")


@shared_task
def build_daily_summaries(day=None):
    """Summarize yesterday (local time) for every active station and publish the result."""
    if day is None:
        day = timezone.localdate() - timedelta(days=1)
    elif isinstance(day, str):
        day = timezone.datetime.fromisoformat(day).date()
    summaries = summarize_all(day)
    for summary in summaries:
        enqueue(
            "summary.daily",
            {
                "station": summary.station.code,
                "date": summary.date.isoformat(),
                "air_temp_min": summary.air_temp_min,
                "air_temp_max": summary.air_temp_max,
                "precipitation_total": summary.precipitation_total,
                "growing_degree_days": summary.growing_degree_days,
            },
            key=f"summary:{summary.station.code}:{summary.date.isoformat()}",
        )
    logger.info("daily summaries for %s: %d stations", day, len(summaries))
    return len(summaries)


@shared_task
def flag_silent_stations():
    """Alert on active stations that have not delivered a record for a while.

    This catches loggers that answer but stopped recording (full card, dead sensor power),
    which the poller's failure counter does not see.
    """
    cutoff = timezone.now() - settings.STATION_SILENT_AFTER
    silent = Station.objects.filter(active=True).filter(
        Q(last_observed_at__lt=cutoff) | Q(last_observed_at__isnull=True, created_at__lt=cutoff)
    )
    flagged = 0
    for station in silent:
        since = station.last_observed_at or station.created_at
        created = enqueue(
            "station.silent",
            {"station": station.code, "last_observed_at": since.isoformat()},
            key=f"silent:{station.code}:{since.isoformat()}",
        )
        flagged += int(created)
    return flagged
