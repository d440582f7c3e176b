"""Loan events written by the reading app: JSON lines, one directory per (library-local) day."""
from pyspark.sql import functions as F
from pyspark.sql import types as T

EVENT_SCHEMA = T.StructType([
    T.StructField("event", T.StringType()),        # checkout | renew | return | hold
    T.StructField("event_id", T.StringType()),     # the app re-sends events it is not sure were received
    T.StructField("loan_id", T.StringType()),
    T.StructField("licence_id", T.LongType()),
    T.StructField("title_id", T.LongType()),
    T.StructField("branch", T.StringType()),
    T.StructField("format", T.StringType()),
    T.StructField("patron", T.StringType()),       # salted hash of the card number
    T.StructField("ts_ms", T.LongType()),
    T.StructField("app_version", T.StringType()),
])


def load_loan_events(spark, path):
    return (
        spark.read.schema(EVENT_SCHEMA).json(path)
        .dropDuplicates(["event_id"])
        .withColumn("ts", F.expr("timestamp_millis(ts_ms)"))
    )
