"""Schemas of the files the jobs read. No Django here: the executors import this module."""
from pyspark.sql import types as T

# one JSON object per item played, written by the playout automation of every station
PLAYOUT_SCHEMA = T.StructType([
    T.StructField("station", T.StringType()),
    T.StructField("isrc", T.StringType()),
    T.StructField("started_at", T.TimestampType()),
    T.StructField("played_s", T.IntegerType()),
    T.StructField("item_type", T.StringType()),  # music, speech, advert, jingle
    T.StructField("log_id", T.StringType()),
])
