"""Monthly airplay royalties.

Input: the playout logs of all stations for the period, JSON lines written by the playout
automation (one object per item played: station, isrc, started_at, played_s).

Output: one statement line per (rights holder, station) with the number of plays, the seconds
played and the amount owed, stored as ``StatementLine`` rows of the period and written as
parquet for the finance team.

Money per play = played minutes x the station's tariff; the publisher of the track gets its
``publisher_share_pct`` of it, the label the rest.
"""
import logging
from datetime import datetime, time, timezone as dt_timezone

from django.conf import settings
from django.utils import timezone
from pyspark.sql import functions as F
from pyspark.sql import types as T

from catalog.isrc import normalise_isrc
from catalog.models import Station
from royalties.models import RoyaltyPeriod, StatementLine

from .partitions import resolve_partition, write_lines_partition
from .schemas import PLAYOUT_SCHEMA

log = logging.getLogger(__name__)

RESOLVED_SCHEMA = T.StructType([
    T.StructField("station", T.StringType()),
    T.StructField("isrc", T.StringType()),
    T.StructField("started_at", T.TimestampType()),
    T.StructField("played_s", T.IntegerType()),
    T.StructField("label_id", T.LongType()),
    T.StructField("publisher_id", T.LongType()),
    T.StructField("publisher_share_pct", T.IntegerType()),
])

normalise_isrc_udf = F.udf(normalise_isrc, T.StringType())


def _utc_midnight(day):
    return datetime.combine(day, time.min, tzinfo=dt_timezone.utc)


def load_plays(spark, path, period):
    """Music plays of the period, one row per broadcast, short plays and non-music items left out."""
    min_seconds = settings.ROYALTIES["MIN_COUNTED_SECONDS"]
    raw = spark.read.schema(PLAYOUT_SCHEMA).json(path)
    return (
        raw.where(F.col("item_type") == "music")
        .where(F.col("played_s") >= min_seconds)
        .where(F.col("started_at") >= F.lit(_utc_midnight(period.start)))
        .where(F.col("started_at") < F.lit(_utc_midnight(period.end)))
        .withColumn("isrc", normalise_isrc_udf("isrc"))
        .dropDuplicates(["station", "isrc", "started_at"])  # the playout system re-sends logs
        .select("station", "isrc", "started_at", "played_s")
    )


def resolve_plays(spark, plays):
    """Plays with label_id, publisher_id and publisher_share_pct from the catalogue."""
    return spark.createDataFrame(plays.rdd.mapPartitions(resolve_partition), RESOLVED_SCHEMA)


def station_rates(spark):
    """(station, rate_cents_per_minute) of every station, small enough to broadcast."""
    rates = list(Station.objects.values_list("call_sign", "rate_cents_per_minute"))
    schema = T.StructType([
        T.StructField("station", T.StringType()),
        T.StructField("rate_cents_per_minute", T.LongType()),
    ])
    return spark.createDataFrame(rates, schema)


def compute_lines(resolved, rates):
    """Statement lines (holder_id, station, plays, seconds, amount_cents) from resolved plays."""
    value = F.col("played_s") * F.col("rate_cents_per_minute") / F.lit(60.0)
    share = F.coalesce(F.col("publisher_share_pct"), F.lit(0)) / F.lit(100.0)
    shares = (
        resolved.where(F.col("label_id").isNotNull())
        .join(F.broadcast(rates), "station")
        .select(
            "station",
            "played_s",
            F.explode(F.array(
                F.struct(F.col("label_id").alias("holder_id"), (value * (F.lit(1.0) - share)).alias("value")),
                F.struct(F.col("publisher_id").alias("holder_id"), (value * share).alias("value")),
            )).alias("part"),
        )
        .select("station", "played_s", "part.holder_id", "part.value")
        .where(F.col("holder_id").isNotNull())
    )
    return shares.groupBy("holder_id", "station").agg(
        F.count("*").alias("plays"),
        F.sum("played_s").cast("long").alias("seconds"),
        F.round(F.sum("value")).cast("long").alias("amount_cents"),
    )


def build_statement_lines(spark, plays_path, period):
    """(lines, resolved plays) for the period."""
    resolved = resolve_plays(spark, load_plays(spark, plays_path, period))
    return compute_lines(resolved, station_rates(spark)), resolved


def save_statement_lines(spark, lines, period):
    """Replace the statement lines of ``period`` with ``lines``; returns how many were stored."""
    StatementLine.objects.filter(period=period).delete()
    lines.foreachPartition(write_lines_partition(period.pk))
    return StatementLine.objects.filter(period=period).count()


def run(spark, plays_path, period, out_path):
    if period.status == RoyaltyPeriod.CLOSED:
        raise ValueError(f"period {period} is closed, its statements have been sent")
    lines, resolved = build_statement_lines(spark, plays_path, period)
    lines = lines.cache()
    try:
        lines.write.mode("overwrite").parquet(out_path)
        stored = save_statement_lines(spark, lines, period)
    finally:
        lines.unpersist()
    unmatched = resolved.where(F.col("label_id").isNull()).count()

    period.status = RoyaltyPeriod.CALCULATED
    period.calculated_at = timezone.now()
    period.unmatched_plays = unmatched
    period.save(update_fields=["status", "calculated_at", "unmatched_plays"])
    log.info("airplay royalties %s: %d statement lines, %d unmatched plays", period, stored, unmatched)
    return {"lines": stored, "unmatched_plays": unmatched}
