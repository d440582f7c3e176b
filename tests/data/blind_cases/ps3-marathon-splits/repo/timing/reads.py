"""Decoder logs: one CSV per decoder, every read of every chip (a chip is read many times while on the mat)."""
from pyspark.sql import functions as F
from pyspark.sql import types as T

READ_SCHEMA = T.StructType([
    T.StructField("decoder_id", T.StringType()),
    T.StructField("mat", T.StringType()),
    T.StructField("chip", T.StringType()),
    T.StructField("bib", T.IntegerType()),
    T.StructField("read_ms", T.LongType()),
    T.StructField("rssi", T.IntegerType()),
])


def load_reads(spark, path):
    return spark.read.option("header", True).schema(READ_SCHEMA).csv(path).filter(F.col("bib").isNotNull())


def first_passings(reads):
    """One row per (bib, mat): the first read, in epoch ms."""
    return reads.groupBy("bib", "mat").agg(F.min("read_ms").alias("passing_ms"))


def passings_per_runner(reads):
    """One row per bib with ``passings``: map mat -> first passing (epoch ms)."""
    return first_passings(reads).groupBy("bib").agg(
        F.map_from_entries(F.collect_list(F.struct("mat", "passing_ms"))).alias("passings")
    )
