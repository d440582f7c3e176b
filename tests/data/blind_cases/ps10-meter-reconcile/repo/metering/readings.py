"""Meter readings as the head-end system delivers them.

CSV with a header row, one row per register read:

    meter_serial,read_at,register_kwh,quality
    E10BG00417,2024-03-01T00:00:00Z,18234.512,A

``register_kwh`` is the cumulative register (it only goes up); ``quality`` is ``A`` for an actual read and ``E``
for a value the head-end estimated because the meter did not answer.
"""
from pyspark.sql import functions as F
from pyspark.sql import types as T

READING_SCHEMA = T.StructType([
    T.StructField("meter_serial", T.StringType(), nullable=False),
    T.StructField("read_at", T.TimestampType(), nullable=False),
    T.StructField("register_kwh", T.DoubleType(), nullable=False),
    T.StructField("quality", T.StringType(), nullable=True),
])


def load_readings(spark, path):
    return (
        spark.read.schema(READING_SCHEMA)
        .option("header", True)
        .option("mode", "DROPMALFORMED")
        .csv(path)
        .filter(F.col("meter_serial").isNotNull() & F.col("read_at").isNotNull())
    )


def readings_between(readings, lower, upper):
    """Readings with lower <= read_at < upper (aware datetimes)."""
    return readings.filter((F.col("read_at") >= F.lit(lower)) & (F.col("read_at") < F.lit(upper)))
