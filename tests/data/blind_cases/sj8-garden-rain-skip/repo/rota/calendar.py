"""Garden calendar helpers. The garden runs on Melbourne time (settings.TIME_ZONE)."""
from datetime import datetime, time, timedelta

from django.utils import timezone


def garden_today(now=None):
    """The garden's calendar date at `now` (an aware datetime, default: the current time)."""
    return timezone.localdate(now or timezone.now())


def local_day_bounds(day):
    """Aware [start, end) datetimes of the garden's calendar day `day`."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
    return start, end


def week_of(day):
    """Monday..Sunday of the week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def next_week(day):
    return week_of(day + timedelta(days=7))
