"""Loader for the cleaning task export (``manage.py export_cleaning_tasks``), shared by the jobs."""
from pyspark.sql import functions as F
from pyspark.sql import types as T

TASK_SCHEMA = T.StructType([
    T.StructField("task_id", T.LongType()),
    T.StructField("property", T.StringType()),
    T.StructField("room", T.StringType()),
    T.StructField("badge_id", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("status", T.StringType()),
    T.StructField("business_date", T.StringType()),
    T.StructField("started_at", T.StringType()),
    T.StructField("finished_at", T.StringType()),
    T.StructField("inspected_at", T.StringType()),
])


def load_cleaning_tasks(spark, path):
    """One row per task; timestamps are UTC, ``minutes`` is the time spent in the room."""
    df = spark.read.option("header", True).schema(TASK_SCHEMA).csv(path)
    df = (
        df.withColumn("business_date", F.to_date("business_date"))
        .withColumn("started_at", F.to_timestamp("started_at"))
        .withColumn("finished_at", F.to_timestamp("finished_at"))
        .withColumn("inspected_at", F.to_timestamp("inspected_at"))
    )
    seconds = F.unix_timestamp("finished_at") - F.unix_timestamp("started_at")
    return df.withColumn("minutes", F.round(seconds / 60).cast("int"))
