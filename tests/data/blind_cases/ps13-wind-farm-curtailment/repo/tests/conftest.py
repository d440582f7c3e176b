import csv
import os
import sys
from datetime import date, datetime, timedelta, timezone as dt_timezone
from pathlib import Path

import pytest

from fleet.models import PowerCurvePoint, Turbine, TurbineModel, WindFarm

REPO_ROOT = Path(__file__).resolve().parent.parent
DAY = date(2024, 3, 12)

# A simplified 3 MW curve: 0 kW below 3 m/s, linear to 3000 kW at 12 m/s, flat up to cut-out at 25 m/s.
CURVE = [(3.0, 0.0), (6.0, 600.0), (9.0, 1800.0), (12.0, 3000.0), (25.0, 3000.0)]


@pytest.fixture(scope="session")
def spark():
    # The Python workers import the project (UDFs, broadcast values); in production spark-submit
    # ships it with --py-files.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("windops-tests")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.pythonUDF.arrow.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def utc(hour, minute=0, day=DAY):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt_timezone.utc)


@pytest.fixture
def turbine_model(db):
    model = TurbineModel.objects.create(code="GEN-3.0", manufacturer="Generic", rated_kw=3000)
    PowerCurvePoint.objects.bulk_create(
        PowerCurvePoint(turbine_model=model, wind_speed_ms=ws, power_kw=kw) for ws, kw in CURVE
    )
    return model


@pytest.fixture
def make_farm(turbine_model):
    def _make(code, turbines=2, **kwargs):
        farm = WindFarm.objects.create(code=code, name=kwargs.pop("name", f"{code} wind farm"),
                                       grid_operator="TenneT", capacity_kw=3000 * turbines,
                                       connection_point=kwargs.pop("connection_point", f"UW {code} 110kV"),
                                       **kwargs)
        for n in range(1, turbines + 1):
            Turbine.objects.create(farm=farm, model=turbine_model, code=f"WTG{n:02d}",
                                   scada_tag=f"{code}-WTG{n:02d}")
        return farm
    return _make


@pytest.fixture
def write_scada(tmp_path):
    """write_scada([(ts, scada_tag, wind_speed, power_kw, status), ...]) -> path of a SCADA export."""
    def _write(rows, name="scada.csv"):
        path = tmp_path / name
        with open(path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["ts", "scada_tag", "wind_speed_ms", "active_power_kw", "status_code"])
            for ts, tag, ws, kw, status in rows:
                writer.writerow([ts.strftime("%Y-%m-%d %H:%M:%S"), tag, ws, kw, status])
        return path
    return _write


def intervals(start, end):
    ts = start
    while ts < end:
        yield ts
        ts += timedelta(minutes=10)
