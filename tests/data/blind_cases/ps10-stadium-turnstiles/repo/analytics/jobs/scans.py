"""Reading the turnstile controllers' scan events.

Each controller appends JSON lines to ``<raw>/date=YYYY-MM-DD/<controller>.jsonl``::

    {"event_id": "5f0c...", "controller": "G03-C1", "gate": "g03", "lane": 2, "ticket": "T-100234",
     "match": "2024-03-09-GLR-ATH", "result": "ADMIT", "reason": null, "ts": "2024-03-09T14:02:11.120Z"}

Controllers resend their buffer after a network drop, so the same event_id can appear more than once.
"""
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, StringType, StructField, StructType, TimestampType

RAW_SCAN_SCHEMA = StructType(
    [
        StructField("event_id", StringType()),
        StructField("controller", StringType()),
        StructField("gate", StringType()),
        StructField("lane", IntegerType()),
        StructField("ticket", StringType()),
        StructField("match", StringType()),
        StructField("result", StringType()),
        StructField("reason", StringType()),
        StructField("ts", TimestampType()),
    ]
)

ADMIT, REENTRY, DENY = "ADMIT", "REENTRY", "DENY"
RESULTS = (ADMIT, REENTRY, DENY)


def read_scans(spark, paths):
    raw = spark.read.schema(RAW_SCAN_SCHEMA).option("mode", "DROPMALFORMED").json(list(paths))
    return raw.select(
        F.col("event_id"),
        F.trim("match").alias("match_code"),
        F.upper(F.trim("gate")).alias("gate_code"),
        F.col("lane"),
        F.col("ticket").alias("ticket_id"),
        F.upper(F.trim("result")).alias("result"),
        F.col("reason"),
        F.col("ts").alias("scanned_at"),
    )


def clean_scans(scans):
    """Scans that can be attributed to a match and gate, each event once."""
    attributable = (
        F.col("event_id").isNotNull()
        & F.col("match_code").isNotNull()
        & F.col("gate_code").isNotNull()
        & F.col("scanned_at").isNotNull()
        & F.col("result").isin(*RESULTS)
    )
    return scans.where(attributable).dropDuplicates(["event_id"])


def result_flag(result):
    """1 for scans with ``result``, else 0: sum it to count them."""
    return F.when(F.col("result") == result, 1).otherwise(0)
