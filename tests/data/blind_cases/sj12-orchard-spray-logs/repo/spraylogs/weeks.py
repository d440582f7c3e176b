"""Reporting weeks run Monday 00:00 to the next Monday 00:00, local (Pacific) time."""
from datetime import datetime, time, timedelta

from django.utils import timezone


def week_start_of(day):
    return day - timedelta(days=day.weekday())


def previous_week_start(today=None):
    today = today or timezone.localdate()
    return week_start_of(today) - timedelta(days=7)


def week_bounds(week_start):
    """Aware datetimes [start, end) covering the reporting week that starts on ``week_start``."""
    if week_start.weekday() != 0:
        raise ValueError(f"{week_start} is not a Monday")
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(week_start, time.min), tz)
    end = timezone.make_aware(datetime.combine(week_start + timedelta(days=7), time.min), tz)
    return start, end
