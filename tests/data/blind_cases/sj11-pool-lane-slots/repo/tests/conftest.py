from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from bookings.models import LaneSlot
from facilities.models import Lane, Pool, TimetableEntry

Activity = TimetableEntry.Activity


@pytest.fixture
def pool(db):
    pool = Pool.objects.create(code="kolk", name="Zwembad De Kolk", length_m=25)
    speeds = ["slow", "slow", "medium", "medium", "fast", "fast"]
    for number, speed in enumerate(speeds, start=1):
        Lane.objects.create(pool=pool, number=number, speed=speed)
    return pool


def add_entry(pool, activity, weekdays, start, end, lanes, places=6, **kwargs):
    entries = []
    for weekday in weekdays:
        entry = TimetableEntry.objects.create(pool=pool, activity=activity, weekday=weekday,
                                              start_time=start, end_time=end, places_per_lane=places, **kwargs)
        entry.lanes.set(pool.lanes.filter(number__in=lanes))
        entries.append(entry)
    return entries


@pytest.fixture
def timetable(pool):
    """The winter timetable, roughly as it is on the website."""
    add_entry(pool, Activity.EARLY_SWIM, range(0, 5), time(6, 30), time(8, 0), lanes=[1, 2, 3, 4])
    add_entry(pool, Activity.LANE_SWIM, range(0, 5), time(12, 0), time(13, 30), lanes=[1, 2, 3])
    add_entry(pool, Activity.LANE_SWIM, [5, 6], time(8, 0), time(10, 0), lanes=[1, 2, 3, 4, 5, 6], places=8)
    add_entry(pool, Activity.AQUA_JOGGING, [2], time(20, 0), time(21, 0), lanes=[5, 6], places=10)
    return pool


def local(day, hh, mm=0):
    return timezone.make_aware(datetime.combine(day, time(hh, mm)))


@pytest.fixture
def make_slot(pool):
    """A single open slot at a local date/time, independent of the generator."""
    def _make(day, hh=7, mm=0, minutes=90, lane=1, capacity=6, activity=Activity.LANE_SWIM):
        entry = TimetableEntry.objects.create(pool=pool, activity=activity, weekday=day.weekday(),
                                              start_time=time(hh, mm), end_time=time(hh, mm), is_active=False)
        starts_at = local(day, hh, mm)
        return LaneSlot.objects.create(entry=entry, lane=pool.lanes.get(number=lane), date=day,
                                       starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes),
                                       capacity=capacity)
    return _make


SUMMER_MONDAY = date(2024, 6, 3)
