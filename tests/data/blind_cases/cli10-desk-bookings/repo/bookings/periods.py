"""Billing and reporting periods.

Everything the members see (bookings, invoices, reports) is in the space's
local time (settings.TIME_ZONE): "March" is 1 March 00:00 to 1 April 00:00
Amsterdam time, not UTC.
"""
import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date  # inclusive

    @property
    def start(self):
        """Aware datetime at local midnight of the first day."""
        return _local_midnight(self.first_day)

    @property
    def end(self):
        """Aware datetime at local midnight after the last day (exclusive bound)."""
        return _local_midnight(self.last_day + timedelta(days=1))

    @property
    def label(self):
        if self.first_day.day == 1 and self.last_day == _last_day_of_month(self.first_day):
            return f"{self.first_day:%Y-%m}"
        return f"{self.first_day:%Y-%m-%d}..{self.last_day:%Y-%m-%d}"

    def __contains__(self, moment):
        return self.start <= moment < self.end


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def _last_day_of_month(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month(year, month_number):
    first = date(year, month_number, 1)
    return Period(first, _last_day_of_month(first))


def parse_month(value):
    """argparse type for --month: 'YYYY-MM' -> Period."""
    m = _MONTH_RE.match(value.strip())
    if not m:
        raise ValueError(f"expected YYYY-MM, got {value!r}")
    year, month_number = int(m.group(1)), int(m.group(2))
    if not 1 <= month_number <= 12:
        raise ValueError(f"no month {month_number} in {value!r}")
    return month(year, month_number)


def parse_day(value):
    """argparse type for --since/--until: 'YYYY-MM-DD' -> date."""
    return date.fromisoformat(value.strip())


def days(since, until):
    """Period covering whole days since..until, both inclusive."""
    if until < since:
        raise ValueError(f"--until {until} is before --since {since}")
    return Period(since, until)


def previous_month(today=None):
    today = today or timezone.localdate()
    last_of_previous = today.replace(day=1) - timedelta(days=1)
    return month(last_of_previous.year, last_of_previous.month)
