from collections import Counter
from datetime import date, datetime, time, timedelta, timezone as dt_timezone
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from bookings.models import LaneSlot
from bookings.scheduling import build_lane_slots
from bookings.tasks import generate_lane_slots
from facilities.models import Closure, TimetableEntry

from .conftest import SUMMER_MONDAY

# The nightly run at 04:00 local on Sunday 2 June 2024
NIGHTLY_RUN = datetime(2024, 6, 2, 2, 0, tzinfo=dt_timezone.utc)


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NIGHTLY_RUN):
        yield NIGHTLY_RUN


@pytest.mark.django_db
def test_week_is_generated_from_the_timetable(timetable, frozen_now):
    result = build_lane_slots(SUMMER_MONDAY, days=7)

    per_day = Counter(LaneSlot.objects.values_list("date", flat=True))
    assert per_day[SUMMER_MONDAY] == 4 + 3            # early swim 4 lanes, lunch lane swim 3 lanes
    assert per_day[SUMMER_MONDAY + timedelta(days=2)] == 4 + 3 + 2   # + aqua jogging on Wednesday
    assert per_day[SUMMER_MONDAY + timedelta(days=5)] == 6           # weekend lane swim, all lanes
    assert result.created == sum(per_day.values())

    early = LaneSlot.objects.filter(date=SUMMER_MONDAY, entry__activity=TimetableEntry.Activity.EARLY_SWIM)
    for slot in early:
        assert timezone.localtime(slot.starts_at).time() == time(6, 30)
        assert timezone.localtime(slot.ends_at).time() == time(8, 0)
        assert slot.capacity == 6


@pytest.mark.django_db
def test_rerun_keeps_existing_slots(timetable, frozen_now):
    build_lane_slots(SUMMER_MONDAY, days=7)
    slot = LaneSlot.objects.first()
    slot.capacity = 2
    slot.save()

    again = build_lane_slots(SUMMER_MONDAY, days=7)

    assert again.created == 0
    assert again.existing == LaneSlot.objects.count()
    slot.refresh_from_db()
    assert slot.capacity == 2


@pytest.mark.django_db
def test_closed_days_and_inactive_lanes_are_skipped(timetable, frozen_now):
    Closure.objects.create(pool=timetable, starts_on=SUMMER_MONDAY, ends_on=SUMMER_MONDAY + timedelta(days=1),
                           reason="Annual maintenance")
    timetable.lanes.filter(number=4).update(is_active=False)

    result = build_lane_slots(SUMMER_MONDAY, days=3)

    assert result.closed_days == 2
    assert set(LaneSlot.objects.values_list("date", flat=True)) == {SUMMER_MONDAY + timedelta(days=2)}
    assert not LaneSlot.objects.filter(lane__number=4).exists()


@pytest.mark.django_db
def test_entry_validity_period(timetable, frozen_now):
    TimetableEntry.objects.filter(activity=TimetableEntry.Activity.AQUA_JOGGING).update(
        valid_from=date(2024, 6, 10))
    build_lane_slots(SUMMER_MONDAY, days=7)
    assert not LaneSlot.objects.filter(entry__activity=TimetableEntry.Activity.AQUA_JOGGING).exists()


@pytest.mark.django_db
def test_nightly_task_fills_the_booking_horizon(timetable, frozen_now):
    created = generate_lane_slots()

    dates = sorted(set(LaneSlot.objects.values_list("date", flat=True)))
    assert dates[0] == date(2024, 6, 3)
    assert dates[-1] == date(2024, 6, 9)
    assert created == LaneSlot.objects.count()


@pytest.mark.django_db
def test_generate_slots_command_for_one_pool(timetable):
    out = StringIO()
    call_command("generate_slots", "--from", "2024-06-03", "--days", "2", "--pool", "kolk", stdout=out)
    assert "14 created" in out.getvalue()
    assert LaneSlot.objects.count() == 14
