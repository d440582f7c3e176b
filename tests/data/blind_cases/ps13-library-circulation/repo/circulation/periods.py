"""Reporting months are calendar months in the library's local time."""
import re
from datetime import date, datetime, time, timedelta, timezone as dt_timezone

from django.utils import timezone

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value):
    match = _MONTH.match(value or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"expected YYYY-MM, got {value!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def next_month(month):
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(today=None):
    today = today or timezone.localdate()
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def month_bounds(month):
    """[start, end) of ``month`` in local time, as aware UTC datetimes."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(month, time.min), tz)
    end = timezone.make_aware(datetime.combine(next_month(month), time.min), tz)
    return start.astimezone(dt_timezone.utc), end.astimezone(dt_timezone.utc)


def export_days(month):
    """Export file dates that can hold events of ``month``.

    Exports are cut at midnight UTC, so the last local hours of a month in summer
    time sit in the file of the previous day and the first hour in the next one.
    """
    day = month - timedelta(days=1)
    last = next_month(month)
    while day <= last:
        yield day
        day += timedelta(days=1)
