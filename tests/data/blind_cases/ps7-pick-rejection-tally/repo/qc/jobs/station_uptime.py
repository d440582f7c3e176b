"""Daily waveform availability per channel, from the archive's segment listing.

A gap is a hole of more than ``max_gap_s`` between two consecutive segments of the same channel.
"""
from dataclasses import dataclass

from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from qc.archive import parse_segment

SEGMENT_SCHEMA = T.StructType([
    T.StructField("station_id", T.StringType()),
    T.StructField("channel", T.StringType()),
    T.StructField("start", T.TimestampType()),
    T.StructField("end", T.TimestampType()),
])


@dataclass
class ChannelUptime:
    station_id: str
    channel: str
    available_s: float
    gaps: int


def load_segments(spark, path):
    """Segments DataFrame and the accumulator counting unparsable lines (read it after an action)."""
    sc = spark.sparkContext
    bad_lines = sc.accumulator(0)
    rdd = sc.textFile(path).map(lambda line: parse_segment(line, bad_lines)).filter(lambda seg: seg is not None)
    return spark.createDataFrame(rdd, SEGMENT_SCHEMA), bad_lines


def channel_uptime(segments, max_gap_s=1.0):
    w = Window.partitionBy("station_id", "channel").orderBy("start")
    with_prev = segments.withColumn("prev_end", F.lag("end").over(w))
    hole = F.col("start").cast("double") - F.col("prev_end").cast("double")
    return with_prev.groupBy("station_id", "channel").agg(
        F.sum(F.col("end").cast("double") - F.col("start").cast("double")).alias("available_s"),
        F.sum(F.when(hole > max_gap_s, 1).otherwise(0)).alias("gaps"),
    )


def run(spark, segments_path, max_gap_s=1.0):
    """Returns ([ChannelUptime], number of unparsable lines)."""
    segments, bad_lines = load_segments(spark, segments_path)
    rows = channel_uptime(segments, max_gap_s).collect()
    result = [ChannelUptime(r["station_id"], r["channel"], round(r["available_s"], 3), r["gaps"]) for r in rows]
    return result, bad_lines.value
