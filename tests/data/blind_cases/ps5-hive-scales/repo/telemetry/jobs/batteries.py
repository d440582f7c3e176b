"""Battery state per scale: last reported voltage of the day; scales below the threshold get flagged."""
from pyspark.sql import functions as F

from .uplinks import load_readings


def battery_levels(readings, low_mv=3400):
    return (
        readings.where(F.col("battery_mv").isNotNull())
        .groupBy("device_eui")
        .agg(F.max_by("battery_mv", "measured_at").alias("battery_mv"), F.max("measured_at").alias("last_seen"))
        .withColumn("low", F.col("battery_mv") < low_mv)
    )


def low_battery_scales(readings, low_mv=3400):
    return sorted(r["device_eui"] for r in battery_levels(readings, low_mv).where("low").collect())


def run(spark, uplinks_path, low_mv=3400):
    readings, _ = load_readings(spark, uplinks_path)
    return low_battery_scales(readings, low_mv)
