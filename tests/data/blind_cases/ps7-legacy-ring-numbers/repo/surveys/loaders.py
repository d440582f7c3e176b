"""Loading capture and effort records from the two export formats into one layout.

* RingBase (desktop program, seasons up to 2021): one semicolon-separated CSV per season, header
  ``RingNo;Species;Age;Sex;Wing;Weight;Date;Site;Ringer;Type`` with dates as dd/mm/yyyy and
  Type N (new), R (retrap) or C (control).
* Field app (seasons since 2022): JSON lines, one object per capture.
"""
from pyspark.sql import functions as F
from pyspark.sql import types as T

CAPTURE_COLUMNS = [
    "ring", "species", "age", "sex", "wing_mm", "mass_g", "capture_date", "site_code", "ringer", "capture_type",
    "source",
]

APP_CAPTURE_SCHEMA = T.StructType([
    T.StructField("ring", T.StringType()),
    T.StructField("species", T.StringType()),
    T.StructField("age", T.StringType()),
    T.StructField("sex", T.StringType()),
    T.StructField("wing", T.DoubleType()),
    T.StructField("mass", T.DoubleType()),
    T.StructField("caught_at", T.StringType()),  # local time with offset, 2023-05-14T06:40:00+02:00
    T.StructField("site", T.StringType()),
    T.StructField("ringer_id", T.StringType()),
    T.StructField("event", T.StringType()),  # new | retrap | control
    T.StructField("device", T.StringType()),
])

LEGACY_EFFORT_SCHEMA = T.StructType([
    T.StructField("Date", T.StringType()),
    T.StructField("Site", T.StringType()),
    T.StructField("NetMetres", T.IntegerType()),
    T.StructField("Hours", T.DoubleType()),
])

APP_EFFORT_SCHEMA = T.StructType([
    T.StructField("site", T.StringType()),
    T.StructField("session_date", T.StringType()),
    T.StructField("net_metres", T.IntegerType()),
    T.StructField("opened_at", T.StringType()),
    T.StructField("closed_at", T.StringType()),
])

LEGACY_TYPES = {"N": "new", "R": "retrap", "C": "control"}


def normalise_ring(col):
    """Ring numbers as printed on the ring: upper case, without spaces or dots (``v 12.345`` -> ``V12345``)."""
    return F.regexp_replace(F.upper(F.trim(col.cast("string"))), r"[^A-Z0-9]", "")


def _legacy_type(col):
    expr = None
    for code, name in LEGACY_TYPES.items():
        expr = (F.when(col == code, name) if expr is None else expr.when(col == code, name))
    return expr.otherwise("retrap")


def load_legacy_captures(spark, path):
    """Captures from one RingBase season export, in CAPTURE_COLUMNS layout."""
    df = (
        spark.read.option("header", True)
        .option("sep", ";")
        .option("inferSchema", True)
        .csv(path)
    )
    return df.select(
        normalise_ring(F.col("RingNo")).alias("ring"),
        F.upper(F.trim(F.col("Species"))).alias("species"),
        F.col("Age").cast("string").alias("age"),
        F.upper(F.col("Sex").cast("string")).alias("sex"),
        F.col("Wing").cast("double").alias("wing_mm"),
        F.col("Weight").cast("double").alias("mass_g"),
        F.to_date(F.col("Date").cast("string"), "dd/MM/yyyy").alias("capture_date"),
        F.col("Site").alias("site_code"),
        F.col("Ringer").cast("string").alias("ringer"),
        _legacy_type(F.upper(F.col("Type"))).alias("capture_type"),
        F.lit("ringbase").alias("source"),
    )


def load_app_captures(spark, path):
    """Captures from the field app's JSON-lines export, in CAPTURE_COLUMNS layout."""
    df = spark.read.schema(APP_CAPTURE_SCHEMA).json(path)
    return df.where(F.col("ring").isNotNull()).select(
        normalise_ring(F.col("ring")).alias("ring"),
        F.upper(F.col("species")).alias("species"),
        F.col("age"),
        F.upper(F.col("sex")).alias("sex"),
        F.col("wing").alias("wing_mm"),
        F.col("mass").alias("mass_g"),
        F.to_date(F.substring("caught_at", 1, 10)).alias("capture_date"),  # local date as recorded
        F.col("site").alias("site_code"),
        F.col("ringer_id").alias("ringer"),
        F.lower(F.col("event")).alias("capture_type"),
        F.lit("app").alias("source"),
    )


def load_legacy_effort(spark, path):
    df = spark.read.option("header", True).option("sep", ";").schema(LEGACY_EFFORT_SCHEMA).csv(path)
    return df.select(
        F.col("Site").alias("site_code"),
        F.to_date("Date", "dd/MM/yyyy").alias("session_date"),
        F.col("NetMetres").alias("net_metres"),
        F.col("Hours").alias("hours"),
    )


def load_app_effort(spark, path):
    df = spark.read.schema(APP_EFFORT_SCHEMA).json(path)
    opened = F.to_timestamp("opened_at")
    closed = F.to_timestamp("closed_at")
    return df.select(
        F.to_date("session_date").alias("session_date"),
        F.col("site").alias("site_code"),
        F.col("net_metres"),
        ((closed.cast("long") - opened.cast("long")) / 3600.0).alias("hours"),
    )
