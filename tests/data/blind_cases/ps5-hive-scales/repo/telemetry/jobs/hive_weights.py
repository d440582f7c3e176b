"""Daily hive weights from the scale readings of one day.

* per hive: first/last weight of the day, net gain (nectar flow or consumption), temperature range
* swarm drops: a loss of more than SWARM_DROP_KG between two readings less than SWARM_WINDOW_MINUTES apart
* scales that sent data but are not registered (not installed under a hive) are recorded as
  UnclaimedScale, so that beekeepers can claim them
"""
from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from telemetry.registry import broadcast_scale_hives, record_unclaimed_scales

from .uplinks import load_readings

TAGGED_SCHEMA = T.StructType([
    T.StructField("hive_id", T.LongType(), True),
    T.StructField("device_eui", T.StringType(), False),
    T.StructField("measured_at", T.TimestampType(), False),
    T.StructField("weight_kg", T.DoubleType(), False),
    T.StructField("temp_c", T.DoubleType(), True),
])


def attach_hives(readings, scale_hives):
    """Tag each reading with the hive its scale is installed under (null for unregistered scales).

    Returns the tagged readings and the DevEUIs of the unregistered scales seen in them.
    """
    unregistered = set()

    def with_hive(row):
        hive_id = scale_hives.value.get(row.device_eui)
        if hive_id is None:
            unregistered.add(row.device_eui)
        return (hive_id, row.device_eui, row.measured_at, row.weight_kg, row.temp_c)

    tagged = readings.rdd.map(with_hive).toDF(TAGGED_SCHEMA)
    return tagged, unregistered


def daily_weights(tagged, day):
    hives = tagged.where(F.col("hive_id").isNotNull())
    return (
        hives.groupBy("hive_id")
        .agg(
            F.min_by("weight_kg", "measured_at").alias("first_kg"),
            F.max_by("weight_kg", "measured_at").alias("last_kg"),
            F.min("temp_c").alias("min_temp_c"),
            F.max("temp_c").alias("max_temp_c"),
            F.count("*").alias("readings"),
        )
        .withColumn("gain_kg", F.round(F.col("last_kg") - F.col("first_kg"), 2))
        .withColumn("day", F.lit(day).cast("date"))
    )


def swarm_drops(tagged, drop_kg=1.2, window_minutes=30):
    by_hive = Window.partitionBy("hive_id").orderBy("measured_at")
    steps = (
        tagged.where(F.col("hive_id").isNotNull())
        .withColumn("prev_kg", F.lag("weight_kg").over(by_hive))
        .withColumn("prev_at", F.lag("measured_at").over(by_hive))
    )
    minutes = (F.unix_timestamp("measured_at") - F.unix_timestamp("prev_at")) / 60
    return (
        steps.where((F.col("prev_kg") - F.col("weight_kg") > drop_kg) & (minutes <= window_minutes))
        .select("hive_id", "measured_at", (F.col("prev_kg") - F.col("weight_kg")).alias("drop_kg"))
    )


def run(spark, uplinks_path, day, out_path, drop_kg=1.2, window_minutes=30):
    readings, rejected = load_readings(spark, uplinks_path)
    tagged, unregistered = attach_hives(readings, broadcast_scale_hives(spark))
    daily = daily_weights(tagged, day)
    daily.write.mode("overwrite").parquet(out_path)
    drops = [row.asDict() for row in swarm_drops(tagged, drop_kg, window_minutes).collect()]
    unclaimed = record_unclaimed_scales(unregistered, day)
    return {
        "readings": readings.count(),
        "rejected": rejected,
        "hives": spark.read.parquet(out_path).count(),
        "swarm_drops": drops,
        "unclaimed_scales": unclaimed,
    }
