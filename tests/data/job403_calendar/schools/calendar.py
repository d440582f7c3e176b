"""School days of the district calendar."""
from datetime import timedelta

from django.utils import timezone

from schools.models import Holiday


def is_school_day(day):
    return day.weekday() < 5 and not Holiday.objects.filter(date=day).exists()


def next_school_day(after):
    day = after + timedelta(days=1)
    while not is_school_day(day):
        day += timedelta(days=1)
    return day


def planning_day(now=None):
    """The school day that sheets prepared at ``now`` are for: the next school day after today."""
    now = now or timezone.now()
    today = now.date()
    return next_school_day(today)


def today_local():
    return timezone.localdate()
