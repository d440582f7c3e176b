"""Daily ridership per resort and pass type, from all resorts' lift-gate exports.

Feeds the group's morning report ("who skied yesterday, on what"). One row per
resort and pass type: accepted scans (= lift rides) and distinct passes.
"""
import logging

from pyspark.sql import functions as F

from resorts.models import Resort

from ..passes import pass_type_column
from ..sources import accepted_scans, load_gate_scans
from ..spark import get_spark
from ..writers import save_daily_ridership

logger = logging.getLogger(__name__)


def build_daily_ridership(scans):
    """Aggregate combined gate scans into (resort, pass_type, scans, unique_passes)."""
    return (
        accepted_scans(scans)
        .withColumn("pass_type", pass_type_column("pass_type"))
        .groupBy("resort", "pass_type")
        .agg(F.count("*").alias("scans"), F.countDistinct("pass_id").alias("unique_passes"))
        .orderBy("resort", "pass_type")
    )


def run(day, resorts=None, export_root=None, spark=None):
    """Compute ``day``'s ridership for ``resorts`` (default: all active) and store it in DailyRidership."""
    spark = spark or get_spark("ridership")
    resorts = list(resorts if resorts is not None else Resort.objects.filter(active=True))
    scans = load_gate_scans(spark, resorts, day, export_root)
    rows = build_daily_ridership(scans).collect()
    written = save_daily_ridership(day, rows, [r.code for r in resorts])
    total = sum(row["scans"] for row in rows)
    logger.info("ridership %s: %d rides, %d rows written", day, total, written)
    return written
