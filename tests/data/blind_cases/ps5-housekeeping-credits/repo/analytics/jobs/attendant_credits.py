"""Daily credits per room attendant.

Every finished cleaning earns the credits of the room's type for that kind of cleaning (departure,
stayover, deep clean), and is compared with the room type's target time. The credits drive the
attendants' daily quota and the monthly productivity bonus.

Input: the cleaning tasks of one property and business date (``manage.py export_cleaning_tasks``).
Output: one row per (business_date, badge_id); the totals are also written back to ``AttendantDay``.
"""
from pyspark.sql import functions as F
from pyspark.sql import types as T

from analytics.refdata import broadcast_room_catalog

from .inputs import load_cleaning_tasks

RATING = T.StructType([
    T.StructField("credits", T.DoubleType()),
    T.StructField("target_minutes", T.IntegerType()),
])


def rating_udf(catalog):
    """UDF (room, kind) -> (credits, target_minutes) from the broadcast room catalog."""

    def rate(room_number, kind):
        room = catalog.value.get(room_number)
        if room is None:
            return None
        room_type = room.room_type
        return float(room_type.credits_for(kind)), room_type.minutes_for(kind)

    return F.udf(rate, RATING)


def rate_cleanings(tasks, catalog):
    """Finished cleanings with their credits and target minutes; rooms unknown to the catalog get nulls."""
    rate = rating_udf(catalog)
    done = tasks.where((F.col("status") == "done") & F.col("badge_id").isNotNull())
    return (
        done.withColumn("rating", rate("room", "kind"))
        .withColumn("credits", F.col("rating.credits"))
        .withColumn("target_minutes", F.col("rating.target_minutes"))
        .drop("rating")
    )


def attendant_day_summary(rated):
    over = (F.col("minutes") > F.col("target_minutes")).cast("int")
    return (
        rated.groupBy("business_date", "badge_id")
        .agg(
            F.count("*").alias("rooms_cleaned"),
            F.round(F.sum(F.coalesce("credits", F.lit(0.0))), 2).alias("credits"),
            F.sum("minutes").alias("minutes_worked"),
            F.sum(F.coalesce(over, F.lit(0))).alias("over_target"),
            F.sum(F.col("credits").isNull().cast("int")).alias("unrated"),
        )
    )


def build_attendant_credits(spark, tasks_path, property_code):
    tasks = load_cleaning_tasks(spark, tasks_path)
    catalog = broadcast_room_catalog(spark, property_code)
    return attendant_day_summary(rate_cleanings(tasks, catalog))


def run(spark, tasks_path, property_code, out_path):
    summary = build_attendant_credits(spark, tasks_path, property_code)
    summary.write.mode("overwrite").parquet(out_path)
    return spark.read.parquet(out_path).collect()
