"""Monthly turbine KPIs from the 10-minute SCADA averages.

Input: the historian's daily CSV exports for one farm (``scada/10min/<FARM>/<day>.csv``), UTC timestamps, one row
per turbine and 10-minute interval.

Per turbine and month:
  * ``intervals``: 10-minute intervals reported
  * ``energy_mwh``: sum of the positive interval averages of active power x 1/6 h
  * ``availability_pct``: time-based availability (IEC 61400-26-1 style, simplified): share of the reported
    intervals in which the turbine was not in FAULT or MAINT
  * ``mean_wind_ms``: mean nacelle wind speed
  * ``capacity_factor``: energy / (rated power x hours of the month)

The numbers go into ``MonthlyTurbineKPI`` and from there into the asset managers' report and the availability
warranty claims against the OEM, so every turbine of the farm has to be there with its whole month.
"""
import calendar
from datetime import date

from django.conf import settings
from pyspark.sql import functions as F
from pyspark.sql import types as T

READING_SCHEMA = T.StructType([
    T.StructField("turbine_id", T.StringType()),
    T.StructField("interval_start", T.TimestampType()),
    T.StructField("state", T.StringType()),
    T.StructField("active_power_kw", T.DoubleType()),
    T.StructField("wind_speed_ms", T.DoubleType()),
    T.StructField("nacelle_temp_c", T.DoubleType()),
])

INTERVAL_HOURS = 10 / 60
UNAVAILABLE_STATES = ("FAULT", "MAINT")


def load_readings(spark, path):
    return spark.read.option("header", True).option("mode", "DROPMALFORMED").schema(READING_SCHEMA).csv(path)


def month_bounds(month):
    """month: date of the first day. Returns (first day, first day of next month, hours in the month)."""
    days = calendar.monthrange(month.year, month.month)[1]
    nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return month, nxt, days * 24


def readings_of_month(readings, month):
    start, end, _ = month_bounds(month)
    return readings.filter(
        (F.col("interval_start") >= F.lit(start.isoformat()).cast("timestamp"))
        & (F.col("interval_start") < F.lit(end.isoformat()).cast("timestamp"))
    ).dropDuplicates(["turbine_id", "interval_start"])


def _kpi_row(turbine_id, intervals, available, energy_kwh, wind_sum, wind_n, rated_kw, period_hours):
    energy_mwh = energy_kwh / 1000
    return {
        "turbine_id": turbine_id,
        "intervals": intervals,
        "energy_mwh": round(energy_mwh, 3),
        "availability_pct": round(100.0 * available / intervals, 2) if intervals else 0.0,
        "mean_wind_ms": round(wind_sum / wind_n, 2) if wind_n else None,
        "capacity_factor": round(energy_mwh * 1000 / (rated_kw * period_hours), 4) if rated_kw else None,
    }


def turbine_month_kpis(readings, rated_kw, period_hours):
    """KPIs per turbine for the readings of one month, sorted by turbine_id.

    rated_kw: {turbine_id: rated power in kW} from the turbine register.
    """
    limit = settings.SCADA_REPORTS["DRIVER_ROW_LIMIT"]
    rows = (
        readings.select("turbine_id", "interval_start", "state", "active_power_kw", "wind_speed_ms")
        .orderBy("turbine_id", "interval_start")
        .limit(limit)
        .collect()
    )
    totals = {}
    for row in rows:
        t = totals.setdefault(row.turbine_id, {"intervals": 0, "available": 0, "energy_kwh": 0.0,
                                               "wind_sum": 0.0, "wind_n": 0})
        t["intervals"] += 1
        if row.state not in UNAVAILABLE_STATES:
            t["available"] += 1
        if row.active_power_kw is not None and row.active_power_kw > 0:
            t["energy_kwh"] += row.active_power_kw * INTERVAL_HOURS
        if row.wind_speed_ms is not None:
            t["wind_sum"] += row.wind_speed_ms
            t["wind_n"] += 1
    return [
        _kpi_row(turbine_id, rated_kw=rated_kw.get(turbine_id), period_hours=period_hours, **t)
        for turbine_id, t in sorted(totals.items())
    ]


def build_monthly_kpis(spark, path, month, rated_kw):
    _, _, hours = month_bounds(month)
    return turbine_month_kpis(readings_of_month(load_readings(spark, path), month), rated_kw, hours)
