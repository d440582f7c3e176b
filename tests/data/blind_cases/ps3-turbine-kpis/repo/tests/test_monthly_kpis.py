from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from fleet.models import AlarmDowntime, MonthlyTurbineKPI
from scada.jobs.monthly_kpis import build_monthly_kpis, month_bounds

OCT = date(2026, 10, 1)


def test_month_bounds():
    assert month_bounds(date(2026, 12, 1)) == (date(2026, 12, 1), date(2027, 1, 1), 744)
    assert month_bounds(date(2026, 2, 1))[2] == 672


def test_build_monthly_kpis(spark, lake):
    path = str(lake / "scada" / "10min" / "TEST1" / "2026-10-*.csv")
    kpis = build_monthly_kpis(spark, path, OCT, {"TEST1-WTG01": 3450, "TEST1-WTG02": 3450})
    assert [k["turbine_id"] for k in kpis] == ["TEST1-WTG01", "TEST1-WTG02"]
    wtg1, wtg2 = kpis
    assert wtg1["intervals"] == 12
    assert wtg1["energy_mwh"] == pytest.approx(2.4)
    assert wtg1["availability_pct"] == 100.0
    assert wtg1["mean_wind_ms"] == 8.5
    assert wtg2["energy_mwh"] == pytest.approx(1.1)
    assert wtg2["availability_pct"] == pytest.approx(91.67)
    assert wtg2["capacity_factor"] == pytest.approx(1.1 / (3.45 * 744), abs=1e-4)


@pytest.mark.django_db
def test_monthly_report_command(spark, lake, farm):
    out = StringIO()
    call_command("scada_monthly_report", "--farm", "TEST1", "--month", "2026-10", "--lake", str(lake), stdout=out)
    assert "2 turbine KPI rows, 3 alarm rows" in out.getvalue()
    kpi = MonthlyTurbineKPI.objects.get(turbine__turbine_id="TEST1-WTG02", month=OCT)
    assert str(kpi.availability_pct) == "91.67"
    assert [a.alarm_code for a in AlarmDowntime.objects.filter(farm=farm)] == ["GB-TEMP", "GRID-UV", "PITCH-3"]
