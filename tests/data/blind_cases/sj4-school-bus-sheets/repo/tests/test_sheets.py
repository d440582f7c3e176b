from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from routes.models import Absence, RouteSheet
from routes.sheets import absence_cutoff, build_route_sheets

PACIFIC = ZoneInfo("America/Los_Angeles")
TUESDAY = date(2024, 5, 14)
MONDAY_AFTERNOON = datetime(2024, 5, 13, 15, 0, tzinfo=PACIFIC)


def absent(student, day, reported_at):
    return Absence.objects.create(student=student, starts_on=day, ends_on=day, reported_at=reported_at)


@pytest.mark.django_db
def test_sheet_lists_riders_of_the_day_with_local_pickup_times(route, rider):
    a = rider()
    rider(sequence=2, days="MWF")  # does not ride on Tuesdays
    (sheet,) = build_route_sheets(TUESDAY, RouteSheet.Stage.PRELIMINARY, now=MONDAY_AFTERNOON)
    (line,) = sheet.lines.all()
    assert line.student == a
    assert line.pickup_at == datetime(2024, 5, 14, 7, 20, tzinfo=PACIFIC)
    assert (sheet.riders, sheet.absent) == (1, 0)


@pytest.mark.django_db
def test_only_absences_reported_so_far_are_on_the_sheet(route, rider):
    a, b = rider(), rider()
    absent(a, TUESDAY, MONDAY_AFTERNOON - timedelta(hours=2))
    absent(b, TUESDAY, MONDAY_AFTERNOON + timedelta(hours=2))
    (sheet,) = build_route_sheets(TUESDAY, RouteSheet.Stage.PRELIMINARY, now=MONDAY_AFTERNOON)
    assert set(sheet.lines.filter(absent=True).values_list("student", flat=True)) == {a.pk}

    (sheet,) = build_route_sheets(TUESDAY, RouteSheet.Stage.FINAL, now=MONDAY_AFTERNOON + timedelta(hours=4))
    assert (sheet.stage, sheet.riders, sheet.absent) == ("final", 0, 2)


@pytest.mark.django_db
def test_final_sheet_is_not_downgraded(route, rider):
    rider()
    build_route_sheets(TUESDAY, RouteSheet.Stage.FINAL, now=MONDAY_AFTERNOON)
    assert build_route_sheets(TUESDAY, RouteSheet.Stage.PRELIMINARY, now=MONDAY_AFTERNOON) == []
    assert RouteSheet.objects.get().stage == "final"


def test_absence_cutoff_is_seven_pm_local_the_evening_before():
    assert absence_cutoff(TUESDAY) == datetime(2024, 5, 13, 19, 0, tzinfo=PACIFIC)
    assert absence_cutoff(date(2024, 1, 9)) == datetime(2024, 1, 8, 19, 0, tzinfo=PACIFIC)


@pytest.mark.django_db
def test_prepare_command_as_of_local_time(route, rider):
    rider()
    out = StringIO()
    call_command("prepare_route_sheets", "--stage", "preliminary", "--as-of", "2024-05-13 15:00", stdout=out)
    assert "prepared 1 route sheets (preliminary) for 2024-05-14: 1 riders, 0 absent" in out.getvalue()


def test_prepare_command_rejects_bad_as_of():
    with pytest.raises(CommandError):
        call_command("prepare_route_sheets", "--as-of", "yesterday", stdout=StringIO())


@pytest.mark.django_db
def test_export_writes_one_csv_per_route(route, rider, tmp_path):
    rider(first_name="Maya")
    build_route_sheets(TUESDAY, RouteSheet.Stage.FINAL, now=MONDAY_AFTERNOON)
    call_command("export_route_sheets", "--day", "2024-05-14", "--out", str(tmp_path), stdout=StringIO())
    text = (tmp_path / "20240514-R12.csv").read_text(encoding="utf-8")
    assert "R12,final,07:20,Maple & 3rd,Maya Lee,3," in text
