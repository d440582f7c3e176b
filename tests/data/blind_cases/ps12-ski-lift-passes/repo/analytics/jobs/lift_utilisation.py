"""Rides per lift and hour, for lift-ops staffing and the capacity dashboard.

Gated lifts are counted from the gate exports; lifts without gates (carpets,
some surface lifts) from the operators' hourly clicker counts entered in the
admin. Both sources are shaped into the same (lift_id, hour, rides) frame and
stacked.
"""
import logging

from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

from resorts.models import Gate, Resort

from ..models import ManualLiftCount
from ..sources import accepted_scans, load_gate_scans
from ..spark import get_spark
from ..writers import save_lift_utilisation

logger = logging.getLogger(__name__)

GATE_MAP_SCHEMA = StructType([
    StructField("gate_id", StringType(), False),
    StructField("lift_id", LongType(), False),
])
MANUAL_SCHEMA = StructType([
    StructField("lift_id", LongType(), False),
    StructField("hour", IntegerType(), False),
    StructField("rides", LongType(), False),
])


def _lift_hours(df):
    """The common shape both sources are reduced to before stacking."""
    return df.select(
        F.col("lift_id").cast("long").alias("lift_id"),
        F.col("hour").cast("int").alias("hour"),
        F.col("rides").cast("long").alias("rides"),
    )


def gate_rides(scans, gate_map):
    hourly = (
        accepted_scans(scans)
        .join(gate_map, on="gate_id", how="inner")
        .withColumn("hour", F.hour(F.to_timestamp("scanned_at")))
        .groupBy("lift_id", "hour")
        .agg(F.count("*").alias("rides"))
    )
    return _lift_hours(hourly)


def manual_rides(spark, day, resorts):
    counts = ManualLiftCount.objects.filter(ride_date=day, lift__resort__in=resorts)
    data = [(c.lift_id, c.hour, c.rides) for c in counts]
    return _lift_hours(spark.createDataFrame(data, MANUAL_SCHEMA))


def build_lift_utilisation(gate_hourly, manual_hourly):
    return (
        gate_hourly.union(manual_hourly)
        .groupBy("lift_id", "hour")
        .agg(F.sum("rides").alias("rides"))
        .orderBy("lift_id", "hour")
    )


def run(day, resorts=None, export_root=None, spark=None):
    spark = spark or get_spark("lift-utilisation")
    resorts = list(resorts if resorts is not None else Resort.objects.filter(active=True))
    gates = Gate.objects.filter(lift__resort__in=resorts, active=True).values_list("gate_id", "lift_id")
    gate_map = spark.createDataFrame(list(gates), GATE_MAP_SCHEMA)
    scans = load_gate_scans(spark, resorts, day, export_root)
    rows = build_lift_utilisation(gate_rides(scans, gate_map), manual_rides(spark, day, resorts)).collect()
    lift_ids = {row["lift_id"] for row in rows}
    written = save_lift_utilisation(day, rows, lift_ids)
    logger.info("lift utilisation %s: %d lift-hours written", day, written)
    return written
