import csv
from datetime import date, datetime, timezone as dt_timezone
from io import StringIO

import pytest
from django.core.management import call_command

from lifts.passes import check_gate, passes_valid_on
from lifts.reports import count_rides, daily_visits, month_bounds
from lifts.models import LiftScan
from tests.conftest import local


def test_month_bounds():
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.django_db
def test_export_mid_period(lifts, scan):
    scan(lifts["GB"], local(2024, 3, 12, 9, 5))
    scan(lifts["SL4"], local(2024, 3, 12, 9, 40))
    scan(lifts["SL4"], local(2024, 3, 20, 14, 0), accepted=False)
    out = StringIO()
    call_command("export_lift_scans", "--since", "2024-03-10", "--until", "2024-03-15", stdout=out)
    rows = list(csv.DictReader(StringIO(out.getvalue())))
    assert [r["lift"] for r in rows] == ["GB", "SL4"]
    assert rows[0]["scanned_at"] == "2024-03-12T09:05:00+01:00"


@pytest.mark.django_db
def test_export_single_lift(lifts, scan):
    scan(lifts["GB"], local(2024, 3, 12, 9, 5))
    scan(lifts["SL4"], local(2024, 3, 12, 9, 40))
    out = StringIO()
    call_command("export_lift_scans", "--since", "2024-03-01", "--until", "2024-03-20", "--lift", "sl4", stdout=out)
    assert [r["lift"] for r in csv.DictReader(StringIO(out.getvalue()))] == ["SL4"]


@pytest.mark.django_db
def test_daily_visits_uses_local_day(lifts, scan):
    scan(lifts["GB"], local(2024, 3, 2, 0, 30))  # 1 March 23:30 UTC
    assert daily_visits(date(2024, 3, 2)) == 1
    assert daily_visits(date(2024, 3, 1)) == 0


@pytest.mark.django_db
def test_count_rides_ignores_double_scans(lifts, scan):
    scan(lifts["GB"], local(2024, 3, 5, 9, 0, 0))
    scan(lifts["GB"], local(2024, 3, 5, 9, 0, 8))
    scan(lifts["GB"], local(2024, 3, 5, 9, 30, 0))
    rides = count_rides(LiftScan.objects.select_related("lift", "ski_pass__product").order_by("scanned_at"))
    assert rides == {("GB", "SEASON"): 2}


@pytest.mark.django_db
def test_pass_validity(season_pass):
    assert list(passes_valid_on(date(2024, 4, 14))) == [season_pass]
    assert check_gate(season_pass, now=datetime(2024, 4, 14, 22, 30, tzinfo=dt_timezone.utc)) == (False, "expired")  # 00:30 local
