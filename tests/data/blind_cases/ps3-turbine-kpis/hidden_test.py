"""Acceptance tests for the monthly turbine KPIs: every turbine of the farm is reported with its whole month,
also when the month has more 10-minute readings than the driver row limit. Spark runs with local[1]."""
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from fleet.models import MonthlyTurbineKPI, Turbine, WindFarm

TURBINES = [f"BIG7-WTG{n:02d}" for n in range(1, 7)]
RATED = 4200
DAYS = (date(2026, 10, 1), date(2026, 10, 2))


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("monthly-kpis-acceptance")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    return session


def reading(i, day_no, k):
    state = "RUN"
    if (k + i) % 29 == 0:
        state = "FAULT"
    elif i == 3 and day_no == 1 and k < 36:
        state = "MAINT"
    elif k % 50 == 7:
        state = "CURTAIL"
    power = float((i * 37 + k * 13 + day_no * 101) % 3100 - 40)
    wind = 3.0 + ((i + k) % 25) * 0.5
    return state, power, wind


def write_lake(root):
    farm_dir = root / "scada" / "10min" / "BIG7"
    farm_dir.mkdir(parents=True)
    expected = {}
    for day_no, day in enumerate(DAYS):
        lines = ["turbine_id,interval_start,state,active_power_kw,wind_speed_ms,nacelle_temp_c"]
        for i, turbine_id in enumerate(TURBINES, start=1):
            e = expected.setdefault(turbine_id, {"intervals": 0, "available": 0, "kwh": 0.0, "wind": 0.0})
            for k in range(144):
                state, power, wind = reading(i, day_no, k)
                ts = datetime(day.year, day.month, day.day) + timedelta(minutes=10 * k)
                lines.append(f"{turbine_id},{ts:%Y-%m-%d %H:%M:%S},{state},{power},{wind},38.5")
                e["intervals"] += 1
                e["available"] += state not in ("FAULT", "MAINT")
                e["kwh"] += max(power, 0.0) / 6
                e["wind"] += wind
        (farm_dir / f"{day.isoformat()}.csv").write_text("\n".join(lines) + "\n")
    return expected


@pytest.fixture
def big_farm(db):
    farm = WindFarm.objects.create(code="BIG7", name="Big Seven", offshore=True)
    for turbine_id in TURBINES:
        Turbine.objects.create(farm=farm, turbine_id=turbine_id, model="V117-4.2", rated_kw=RATED)
    return farm


@pytest.mark.django_db
def test_every_turbine_has_its_whole_month(spark, big_farm, tmp_path, settings):
    expected = write_lake(tmp_path)
    # the month has 1728 readings; the driver guard is set well below that
    settings.SCADA_REPORTS = {**settings.SCADA_REPORTS, "DRIVER_ROW_LIMIT": 500}

    call_command("scada_monthly_report", "--farm", "BIG7", "--month", "2026-10", "--lake", str(tmp_path),
                 "--skip-alarms", stdout=StringIO())

    rows = {k.turbine.turbine_id: k for k in MonthlyTurbineKPI.objects.select_related("turbine")}
    assert sorted(rows) == TURBINES
    for turbine_id, e in expected.items():
        kpi = rows[turbine_id]
        assert kpi.month == date(2026, 10, 1)
        assert kpi.intervals == 288, turbine_id
        assert float(kpi.energy_mwh) == pytest.approx(e["kwh"] / 1000, abs=0.0015), turbine_id
        assert float(kpi.availability_pct) == pytest.approx(100.0 * e["available"] / 288, abs=0.006), turbine_id
        assert float(kpi.mean_wind_ms) == pytest.approx(e["wind"] / 288, abs=0.006), turbine_id
        assert float(kpi.capacity_factor) == pytest.approx(e["kwh"] / (RATED * 744), abs=0.00015), turbine_id
