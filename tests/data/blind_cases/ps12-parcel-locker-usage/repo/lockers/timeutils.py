"""Local-day helpers. Usage is billed per local calendar day (settings.TIME_ZONE)."""
from datetime import datetime, time, timedelta

from django.utils import timezone


def day_bounds(day):
    """Aware [start, end) of a local calendar day; 23 or 25 hours long around DST changes."""
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    return start, end


def yesterday(now=None):
    now = timezone.localtime(now or timezone.now())
    return now.date() - timedelta(days=1)


def epoch(value):
    """Seconds since the epoch for an aware datetime, None stays None."""
    if value is None:
        return None
    return int(value.timestamp())
