from datetime import date, timedelta

from django.core.management.base import CommandError
from django.utils import timezone


def parse_day(value):
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from exc


def yesterday():
    return timezone.localdate() - timedelta(days=1)
