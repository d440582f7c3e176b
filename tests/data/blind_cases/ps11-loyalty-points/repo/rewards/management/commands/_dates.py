from datetime import date, timedelta

from django.core.management.base import CommandError
from django.utils import timezone


def business_date_arg(value):
    if value is None:
        return timezone.localdate() - timedelta(days=1)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, got {value!r}")
