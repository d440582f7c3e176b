"""Nightly report jobs."""
import logging
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Max, Min
from django.utils import timezone

from gauges.models import Reading, Station

from .locks import job_flag
from .models import DailySummary

log = logging.getLogger(__name__)

CENT = Decimal("0.01")


def _day_bounds(day):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    return start, end


def summarise_day(day):
    start, end = _day_bounds(day)
    written = 0
    for station in Station.objects.all():
        agg = Reading.objects.filter(station=station, measured_at__gte=start, measured_at__lt=end).aggregate(
            n=Count("id"), lo=Min("level_m"), hi=Max("level_m"), mean=Avg("level_m"),
        )
        if not agg["n"]:
            continue
        DailySummary.objects.update_or_create(
            station=station, day=day,
            defaults={
                "readings": agg["n"],
                "min_level_m": agg["lo"],
                "max_level_m": agg["hi"],
                "mean_level_m": Decimal(agg["mean"]).quantize(CENT, rounding=ROUND_HALF_UP),
            },
        )
        written += 1
    return written


def build_daily_summaries(day=None, days_back=3):
    """Summarise yesterday (and re-summarise the days before it, late readings arrive after outages)."""
    with job_flag("daily-summaries") as acquired:
        if not acquired:
            log.warning("build_daily_summaries: already running, skipping")
            return None
        last = day or timezone.localdate() - timedelta(days=1)
        total = 0
        for offset in range(days_back - 1, -1, -1):
            total += summarise_day(last - timedelta(days=offset))
        log.info("build_daily_summaries: %d summary row(s) up to %s", total, last)
        return total
