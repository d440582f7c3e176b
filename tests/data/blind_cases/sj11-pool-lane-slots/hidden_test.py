"""Acceptance tests: lane slots generated for days on the other side of a DST change start at the
timetable's local wall-clock time (early swim at 06:30 in Europe/Amsterdam), whenever the generator runs."""
from datetime import date, datetime, time, timedelta, timezone as dt_timezone
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from bookings import services
from bookings.models import LaneSlot
from bookings.tasks import generate_lane_slots
from facilities.models import Lane, Pool, TimetableEntry

Activity = TimetableEntry.Activity


def pool_tz():
    return ZoneInfo(settings.TIME_ZONE)


@pytest.fixture
def kolk(db):
    pool = Pool.objects.create(code="kolk", name="Zwembad De Kolk")
    for number in range(1, 7):
        Lane.objects.create(pool=pool, number=number)

    def add(activity, weekdays, start, end, lanes):
        for weekday in weekdays:
            entry = TimetableEntry.objects.create(pool=pool, activity=activity, weekday=weekday,
                                                  start_time=start, end_time=end, places_per_lane=6)
            entry.lanes.set(pool.lanes.filter(number__in=lanes))

    add(Activity.EARLY_SWIM, range(7), time(6, 30), time(8, 0), [1, 2, 3, 4])
    add(Activity.LANE_SWIM, range(7), time(19, 0), time(21, 0), [5, 6])
    return pool


def run_nightly(at_utc):
    with mock.patch("django.utils.timezone.now", return_value=at_utc):
        generate_lane_slots()


def assert_wall_clock(slots):
    tz = pool_tz()
    assert slots, "no slots generated"
    for slot in slots:
        start = slot.starts_at.astimezone(tz)
        end = slot.ends_at.astimezone(tz)
        assert (start.date(), start.time()) == (slot.date, slot.entry.start_time), (
            f"{slot.entry.get_activity_display()} on {slot.date} starts at {start:%Y-%m-%d %H:%M %Z}, "
            f"expected {slot.entry.start_time:%H:%M}")
        assert (end.date(), end.time()) == (slot.date, slot.entry.end_time), (
            f"{slot.entry.get_activity_display()} on {slot.date} ends at {end:%Y-%m-%d %H:%M %Z}")


@pytest.mark.django_db
def test_nightly_run_before_autumn_clock_change(kolk):
    # 04:00 summer time on Monday 21 Oct 2024; the clocks go back on Sunday 27 Oct.
    run_nightly(datetime(2024, 10, 21, 2, 0, tzinfo=dt_timezone.utc))

    slots = list(LaneSlot.objects.select_related("entry"))
    dates = {slot.date for slot in slots}
    assert date(2024, 10, 27) in dates and date(2024, 10, 28) in dates
    assert_wall_clock(slots)
    monday_early = LaneSlot.objects.filter(date=date(2024, 10, 28), entry__activity=Activity.EARLY_SWIM)
    assert monday_early.count() == 4
    assert {s.starts_at.astimezone(pool_tz()).strftime("%H:%M") for s in monday_early} == {"06:30"}


@pytest.mark.django_db
def test_nightly_run_before_spring_clock_change(kolk):
    # 04:00 winter time on Tuesday 25 Mar 2025; the clocks go forward on Sunday 30 Mar.
    run_nightly(datetime(2025, 3, 25, 3, 0, tzinfo=dt_timezone.utc))

    slots = list(LaneSlot.objects.select_related("entry"))
    assert {date(2025, 3, 29), date(2025, 3, 30), date(2025, 4, 1)} <= {slot.date for slot in slots}
    assert_wall_clock(slots)


@pytest.mark.django_db
def test_every_night_across_the_change(kolk):
    # beat runs the job at 04:00 local every night, from two weeks before to a week after the change
    tz = pool_tz()
    for n in range(21):
        day = date(2024, 10, 13) + timedelta(days=n)
        run_nightly(datetime.combine(day, time(4, 0), tzinfo=tz).astimezone(dt_timezone.utc))

    slots = list(LaneSlot.objects.select_related("entry"))
    assert len({slot.date for slot in slots}) == 27
    assert_wall_clock(slots)


@pytest.mark.django_db
def test_generate_slots_command_for_a_range_across_the_change(kolk):
    call_command("generate_slots", "--from", "2025-03-27", "--days", "7", stdout=StringIO())
    call_command("generate_slots", "--from", "2025-10-23", "--days", "7", stdout=StringIO())

    slots = list(LaneSlot.objects.select_related("entry"))
    assert len({slot.date for slot in slots}) == 14
    assert_wall_clock(slots)


@pytest.mark.django_db
def test_confirmation_email_after_the_change_shows_0630(kolk):
    run_nightly(datetime(2024, 10, 21, 2, 0, tzinfo=dt_timezone.utc))
    slot = LaneSlot.objects.filter(date=date(2024, 10, 28), entry__activity=Activity.EARLY_SWIM).first()
    booked_at = datetime(2024, 10, 25, 10, 0, tzinfo=dt_timezone.utc)

    booking = services.hold_place(slot, "K-20417", "Anne de Vries", "anne@example.nl", now=booked_at)
    services.confirm(booking, now=booked_at)

    assert "from 06:30 to 08:00" in mail.outbox[-1].body
