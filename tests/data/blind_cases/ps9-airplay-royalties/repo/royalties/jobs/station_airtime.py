"""Daily airtime per station and daypart, for the programming team.

Same input as the royalty job (playout logs); counts every item type, including the short ones
the royalty job leaves out. Output: one row per (day, station, daypart) with the seconds of music,
speech and adverts and the number of distinct tracks.
"""
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .schemas import PLAYOUT_SCHEMA

# (first hour, name); dayparts as the sales team sells them, in station local time = UTC here
DAYPARTS = [(0, "overnight"), (6, "breakfast"), (10, "daytime"), (16, "drive"), (19, "evening")]


def daypart(hour):
    name = DAYPARTS[0][1]
    for first_hour, part in DAYPARTS:
        if hour is not None and hour >= first_hour:
            name = part
    return name


daypart_udf = F.udf(daypart, T.StringType())


def airtime(spark, path, day):
    items = spark.read.schema(PLAYOUT_SCHEMA).json(path).where(F.to_date("started_at") == F.lit(day))
    return (
        items.withColumn("daypart", daypart_udf(F.hour("started_at")))
        .groupBy(F.to_date("started_at").alias("day"), "station", "daypart")
        .agg(
            F.sum(F.when(F.col("item_type") == "music", F.col("played_s")).otherwise(0)).alias("music_s"),
            F.sum(F.when(F.col("item_type") == "speech", F.col("played_s")).otherwise(0)).alias("speech_s"),
            F.sum(F.when(F.col("item_type") == "advert", F.col("played_s")).otherwise(0)).alias("advert_s"),
            F.countDistinct(F.when(F.col("item_type") == "music", F.col("isrc"))).alias("tracks"),
        )
    )


def run(spark, path, day, out_path):
    report = airtime(spark, path, day)
    report.write.mode("overwrite").partitionBy("station").parquet(out_path)
    return report.count()
