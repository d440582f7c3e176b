"""Small helpers shared by the management commands."""
import argparse
from datetime import date, datetime, time, timedelta

from django.core.management.base import CommandError
from django.utils import timezone

from .models import Station


def iso_day(value):
    """argparse type: YYYY-MM-DD -> date."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}")


def positive_float(value):
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}")
    if number <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return number


def day_start(day):
    """Aware datetime at local midnight starting `day`."""
    return timezone.make_aware(datetime.combine(day, time.min))


def day_bounds(since=None, until=None):
    """Half-open [start, end) datetimes covering whole local days since..until (both inclusive)."""
    start = day_start(since) if since else None
    end = day_start(until + timedelta(days=1)) if until else None
    if start and end and start >= end:
        raise CommandError("--since must not be after --until")
    return start, end


def resolve_stations(codes):
    """Active stations for the given codes (all active stations when no codes are given)."""
    stations = Station.objects.filter(active=True)
    if not codes:
        return stations
    wanted = {c.strip().upper() for c in codes if c.strip()}
    found = set(stations.filter(code__in=wanted).values_list("code", flat=True))
    unknown = sorted(wanted - found)
    if unknown:
        raise CommandError(f"unknown or inactive station(s): {', '.join(unknown)}")
    return stations.filter(code__in=wanted)
