"""Daily per-station summaries (min/max/mean temperature, rain, growing degree days)."""
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from .models import DailySummary, Reading, Station

GDD_BASE_C = 10.0
GDD_CAP_C = 30.0


def growing_degree_days(t_min, t_max, base=GDD_BASE_C, cap=GDD_CAP_C):
    """Modified growing degree days (the corn method): both extremes clamped to [base, cap]."""
    if t_min is None or t_max is None:
        return None
    t_min = min(max(t_min, base), cap)
    t_max = min(max(t_max, base), cap)
    return round((t_min + t_max) / 2.0 - base, 2)


def local_day_bounds(day):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    return start, end


def summarize_day(station, day):
    start, end = local_day_bounds(day)
    readings = Reading.objects.filter(station=station, observed_at__gt=start, observed_at__lte=end)
    temps = [t for t in readings.values_list("air_temp_c", flat=True) if t is not None]
    rain = [p for p in readings.values_list("precipitation_mm", flat=True) if p is not None]
    t_min = min(temps) if temps else None
    t_max = max(temps) if temps else None
    summary, _ = DailySummary.objects.update_or_create(
        station=station,
        date=day,
        defaults={
            "air_temp_min": t_min,
            "air_temp_max": t_max,
            "air_temp_mean": round(sum(temps) / len(temps), 2) if temps else None,
            "precipitation_total": round(sum(rain), 2),
            "growing_degree_days": growing_degree_days(t_min, t_max),
            "readings_count": readings.count(),
        },
    )
    return summary


def summarize_all(day):
    summaries = []
    with transaction.atomic():
        for station in Station.objects.filter(active=True):
            summaries.append(summarize_day(station, day))
    return summaries
