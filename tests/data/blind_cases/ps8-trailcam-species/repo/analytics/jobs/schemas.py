"""Spark schemas of the files the ingest pipeline writes. No Django imports: executors load this module."""
from pyspark.sql.types import (
    BooleanType, DoubleType, StringType, StructField, StructType, TimestampType,
)

# classifier output, one JSON object per line
DETECTION_SCHEMA = StructType([
    StructField("camera", StringType(), False),
    StructField("label", StringType(), False),
    StructField("confidence", DoubleType(), False),
    StructField("captured_at", TimestampType(), False),
    StructField("frame", StringType(), True),
])

# camera heartbeats, one JSON object per line, roughly every 15 minutes while the camera is up
HEARTBEAT_SCHEMA = StructType([
    StructField("camera", StringType(), False),
    StructField("sent_at", TimestampType(), False),
    StructField("battery", DoubleType(), True),
])

# what the species UDF returns for an accepted detection
SPECIES_MATCH = StructType([
    StructField("species", StringType(), False),
    StructField("protected", BooleanType(), False),
    StructField("invasive", BooleanType(), False),
])
