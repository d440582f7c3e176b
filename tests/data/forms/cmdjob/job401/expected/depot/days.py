from datetime import datetime, time, timedelta, timezone

from django.utils import timezone as dj_timezone


def day_bounds(day):
    """[start, end) of a calendar day."""
    start = dj_timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)
