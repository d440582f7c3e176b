"""Reading the ILS loan event exports."""
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, TimestampType

CHECKOUT = "CHECKOUT"
RENEWAL = "RENEW"
RETURN = "RETURN"

EVENT_SCHEMA = StructType([
    StructField("event_id", StringType(), False),
    StructField("event_type", StringType(), False),
    StructField("occurred_at", TimestampType(), False),
    StructField("branch_code", StringType(), False),
    StructField("item_barcode", StringType(), True),
    StructField("isbn", StringType(), True),
    StructField("patron_ref", StringType(), True),
    StructField("due_at", TimestampType(), True),
])


def read_events(spark, paths):
    """Loan events from the given export files, one row per event.

    The ILS re-sends an event (same event_id) when an item record is corrected;
    the copies are identical for our purposes, so duplicates are dropped.
    """
    events = spark.read.csv(paths, schema=EVENT_SCHEMA, header=True, mode="DROPMALFORMED")
    return (
        events.where(F.col("event_id").isNotNull() & F.col("occurred_at").isNotNull())
        .withColumn("event_type", F.upper(F.trim("event_type")))
        .withColumn("branch_code", F.upper(F.trim("branch_code")))
        .dropDuplicates(["event_id"])
    )


def in_period(events, start, end):
    """Events with start <= occurred_at < end (aware datetimes)."""
    return events.where((F.col("occurred_at") >= F.lit(start)) & (F.col("occurred_at") < F.lit(end)))
