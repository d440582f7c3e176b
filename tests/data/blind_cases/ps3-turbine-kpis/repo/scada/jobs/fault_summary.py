"""Top alarms of a farm by downtime for one month.

Input: the alarm log exports (``scada/alarms/<FARM>/<day>.csv``): turbine_id, alarm_code, raised_at, cleared_at,
severity. An alarm still active at export time has no cleared_at; it counts until the end of the month.

Output: the ``TOP_ALARMS`` fault codes with the most downtime hours (events, turbines affected, hours).
"""
from django.conf import settings
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .monthly_kpis import month_bounds

ALARM_SCHEMA = T.StructType([
    T.StructField("turbine_id", T.StringType()),
    T.StructField("alarm_code", T.StringType()),
    T.StructField("raised_at", T.TimestampType()),
    T.StructField("cleared_at", T.TimestampType()),
    T.StructField("severity", T.StringType()),
])


def load_alarms(spark, path):
    return spark.read.option("header", True).schema(ALARM_SCHEMA).csv(path)


def alarm_downtime(alarms, month):
    start, end, _ = month_bounds(month)
    month_start = F.lit(start.isoformat()).cast("timestamp")
    month_end = F.lit(end.isoformat()).cast("timestamp")
    faults = alarms.filter(F.col("severity") == "fault").filter(
        (F.col("raised_at") < month_end) & (F.coalesce("cleared_at", month_end) > month_start)
    )
    clipped = faults.select(
        "turbine_id",
        "alarm_code",
        F.greatest("raised_at", month_start).alias("start"),
        F.least(F.coalesce("cleared_at", month_end), month_end).alias("end"),
    )
    return clipped.groupBy("alarm_code").agg(
        F.count("*").alias("events"),
        F.countDistinct("turbine_id").alias("turbines"),
        F.round(F.sum(F.unix_timestamp("end") - F.unix_timestamp("start")) / 3600.0, 2).alias("downtime_hours"),
    )


def top_alarms(spark, path, month):
    """The top alarms as a list of dicts, rank 1 = most downtime."""
    top_n = settings.SCADA_REPORTS["TOP_ALARMS"]
    rows = (
        alarm_downtime(load_alarms(spark, path), month)
        .orderBy(F.desc("downtime_hours"), "alarm_code")
        .limit(top_n)
        .collect()
    )
    return [dict(row.asDict(), rank=rank) for rank, row in enumerate(rows, start=1)]
