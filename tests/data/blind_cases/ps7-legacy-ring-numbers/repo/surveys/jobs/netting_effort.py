"""Net-metre-hours per site and month (CES effort), RingBase and app seasons."""
from pyspark.sql import functions as F

from surveys.loaders import load_app_effort, load_legacy_effort


def load_effort(spark, legacy_paths=(), app_paths=()):
    frames = [load_legacy_effort(spark, p) for p in legacy_paths] + [load_app_effort(spark, p) for p in app_paths]
    effort = frames[0]
    for frame in frames[1:]:
        effort = effort.unionByName(frame)
    return effort


def monthly_effort(effort, year):
    return (
        effort.where(F.year("session_date") == year)
        .groupBy("site_code", F.month("session_date").alias("month"))
        .agg(F.round(F.sum(F.col("net_metres") * F.col("hours")), 1).alias("net_metre_hours"),
             F.countDistinct("session_date").alias("sessions"))
        .orderBy("site_code", "month")
    )


def run(spark, legacy_paths, app_paths, year):
    rows = monthly_effort(load_effort(spark, legacy_paths, app_paths), year).collect()
    return [(r["site_code"], r["month"], r["net_metre_hours"], r["sessions"]) for r in rows]
