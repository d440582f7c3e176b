"""Acceptance tests: route sheets prepared in the evening (after 17:00 Pacific, when it is already the next day
in UTC) are for the next school day in district time."""
from datetime import date, datetime, time, timezone as dt_timezone
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from routes.models import Absence, Rider, Route, RouteSheet, Stop
from schools.models import Holiday, School, Student

PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def students(db):
    school = School.objects.create(code="ACM", name="Alder Creek Middle", bell_time=time(8, 30))
    route = Route.objects.create(code="R7", school=school)
    stop = Stop.objects.create(route=route, sequence=1, name="Oak Park", pickup_time=time(7, 10))
    kids = []
    for n in range(3):
        s = Student.objects.create(school=school, student_number=f"M{n}", first_name=f"K{n}", last_name="Ng",
                                   grade=7)
        Rider.objects.create(student=s, stop=stop)
        kids.append(s)
    return kids


def prepare(stage, as_of):
    out = StringIO()
    call_command("prepare_route_sheets", "--stage", stage, "--as-of", as_of, stdout=out)
    return out.getvalue()


def sheet_days():
    return sorted(RouteSheet.objects.values_list("day", "stage"))


@pytest.mark.django_db
def test_final_run_at_half_past_seven_builds_tomorrows_sheet(students):
    # Reported at 18:40 Monday, before the 19:00 cut-off.
    Absence.objects.create(student=students[0], starts_on=date(2024, 5, 14), ends_on=date(2024, 5, 14),
                           reported_at=datetime(2024, 5, 13, 18, 40, tzinfo=PACIFIC))
    prepare("preliminary", "2024-05-13T22:00:00+00:00")  # 15:00 PDT
    out = prepare("final", "2024-05-14T02:30:00+00:00")    # 19:30 PDT Monday

    assert "for 2024-05-14" in out
    assert sheet_days() == [(date(2024, 5, 14), "final")]
    sheet = RouteSheet.objects.get()
    assert (sheet.riders, sheet.absent) == (2, 1)


@pytest.mark.django_db
def test_sunday_evening_run_prepares_monday(students):
    prepare("final", "2024-05-13T02:30:00+00:00")  # 19:30 PDT Sunday 12 May
    assert sheet_days() == [(date(2024, 5, 13), "final")]


@pytest.mark.django_db
def test_winter_evening_and_holidays(students):
    Holiday.objects.create(date=date(2024, 1, 15), name="MLK Day")
    prepare("final", "2024-01-12T03:30:00+00:00")  # 19:30 PST Thursday 11 Jan
    prepare("final", "2024-01-15T03:30:00+00:00")  # 19:30 PST Sunday 14 Jan, Monday is a holiday
    assert sheet_days() == [(date(2024, 1, 12), "final"), (date(2024, 1, 16), "final")]


@pytest.mark.django_db
def test_afternoon_runs_still_prepare_the_next_school_day(students):
    prepare("preliminary", "2024-05-17T22:00:00+00:00")  # 15:00 PDT Friday
    prepare("preliminary", "2024-05-15 15:00")             # local time, as ops type it
    assert sheet_days() == [(date(2024, 5, 16), "preliminary"), (date(2024, 5, 20), "preliminary")]


@pytest.mark.django_db
def test_cron_run_without_as_of_uses_district_date(students):
    cron_fires = datetime(2024, 5, 15, 2, 30, tzinfo=dt_timezone.utc)  # 19:30 PDT Tuesday 14 May
    with mock.patch("django.utils.timezone.now", return_value=cron_fires):
        out = StringIO()
        call_command("prepare_route_sheets", "--stage", "final", stdout=out)
    assert "for 2024-05-15" in out.getvalue()
    assert sheet_days() == [(date(2024, 5, 15), "final")]
