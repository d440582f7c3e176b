"""Hours each deployed camera was online per day, from its heartbeats (HEARTBEAT_SCHEMA).

A camera counts as up between two heartbeats that are at most MAX_GAP_MINUTES apart.
"""
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from analytics.jobs.schemas import HEARTBEAT_SCHEMA

MAX_GAP_MINUTES = 20
LOW_BATTERY = 0.15


def load_heartbeats(spark, path):
    return spark.read.schema(HEARTBEAT_SCHEMA).json(path)


def uptime(heartbeats, cameras_bc):
    reserve_of = F.udf(lambda code: cameras_bc.value.get(code), "string", useArrow=False)
    w = Window.partitionBy("camera").orderBy("sent_at")
    with_gaps = (
        heartbeats.withColumn("reserve", reserve_of("camera"))
        .where(F.col("reserve").isNotNull())
        .withColumn("gap_s", F.col("sent_at").cast("long") - F.lag(F.col("sent_at").cast("long")).over(w))
    )
    return (
        with_gaps.withColumn("day", F.to_date("sent_at"))
        .groupBy("day", "reserve", "camera")
        .agg(
            (F.sum(F.when(F.col("gap_s") <= MAX_GAP_MINUTES * 60, F.col("gap_s")).otherwise(0)) / 3600.0)
            .alias("hours_up"),
            F.min("battery").alias("min_battery"),
        )
        .withColumn("hours_up", F.round("hours_up", 2))
        .withColumn("low_battery", F.col("min_battery") < LOW_BATTERY)
    )


def run(spark, cameras_bc, heartbeats_path, out_path):
    result = uptime(load_heartbeats(spark, heartbeats_path), cameras_bc)
    result.write.mode("overwrite").parquet(out_path)
    return spark.read.parquet(out_path).orderBy("camera").collect()
