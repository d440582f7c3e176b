"""School days of the district calendar."""
from datetime import timedelta

from django.utils import timezone

from schools.models import Holiday


def is_school_day(day):
    return day.weekday() < 5 and not Holiday.objects.filter(date=day).exists()


def next_school_day(after):
    """The first school day strictly after ``after`` (a date)."""
    day = after + timedelta(days=1)
    for _ in range(60):
        if is_school_day(day):
            return day
        day += timedelta(days=1)
    raise ValueError(f"no school day within 60 days after {after}")


def planning_day(now=None):
    """The school day that route sheets prepared at ``now`` are for: the next school day after today."""
    now = now or timezone.now()
    today = now.date()
    return next_school_day(today)


def school_days_between(first, last):
    day, days = first, []
    while day <= last:
        if is_school_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days
