"""Turning the weekly timetable into bookable lane slots.

The nightly task (``bookings.tasks.generate_lane_slots``) keeps the booking horizon filled; the
``generate_slots`` management command runs the same code for an arbitrary range.
"""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone as dt_timezone

from django.db import transaction
from django.utils import timezone

from facilities.models import Closure, Pool, TimetableEntry

from .models import LaneSlot

logger = logging.getLogger(__name__)


@dataclass
class GenerationResult:
    created: int = 0
    existing: int = 0
    closed_days: int = 0

    def __str__(self):
        return f"{self.created} created, {self.existing} already there, {self.closed_days} closed pool-days skipped"


def date_range(first_day, days):
    return [first_day + timedelta(days=n) for n in range(days)]


def closed_dates(pool, dates):
    """The dates in ``dates`` on which ``pool`` has a closure."""
    if not dates:
        return set()
    closures = list(Closure.objects.filter(pool=pool, starts_on__lte=dates[-1], ends_on__gte=dates[0]))
    return {day for day in dates if any(closure.covers(day) for closure in closures)}


def build_lane_slots(first_day, days=7, pools=None):
    """Create the open lane slots for ``days`` days starting at ``first_day`` (a date).

    Slots that already exist for an entry, lane and date are left alone (people may have booked them),
    so this can run every night over the whole horizon and be re-run by hand after timetable changes.
    """
    if pools is None:
        pools = Pool.objects.filter(is_active=True)
    dates = date_range(first_day, days)
    utc_offset = timezone.localtime().utcoffset()
    result = GenerationResult()

    for pool in pools:
        closed = closed_dates(pool, dates)
        entries = list(
            TimetableEntry.objects.filter(pool=pool, is_active=True).prefetch_related("lanes")
        )
        for day in dates:
            if day in closed:
                result.closed_days += 1
                continue
            with transaction.atomic():
                for entry in entries:
                    if not entry.applies_on(day):
                        continue
                    starts_at = (datetime.combine(day, entry.start_time) - utc_offset).replace(tzinfo=dt_timezone.utc)
                    ends_at = (datetime.combine(day, entry.end_time) - utc_offset).replace(tzinfo=dt_timezone.utc)
                    for lane in entry.lanes.all():
                        if not lane.is_active:
                            continue
                        _, created = LaneSlot.objects.get_or_create(
                            entry=entry,
                            lane=lane,
                            date=day,
                            defaults={
                                "starts_at": starts_at,
                                "ends_at": ends_at,
                                "capacity": entry.places_per_lane,
                            },
                        )
                        if created:
                            result.created += 1
                        else:
                            result.existing += 1

    logger.info("lane slots %s..%s: %s", dates[0], dates[-1], result)
    return result
