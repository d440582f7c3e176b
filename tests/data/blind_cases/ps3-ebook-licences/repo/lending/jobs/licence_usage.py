"""Nightly licence usage: checkouts per licence on one day, written to LicenceCheckoutDay.

Metered licences expire after ``max_checkouts`` checkouts; ``Licence.checkouts_used`` is the sum of the daily rows,
so re-running a day replaces that day's numbers instead of adding them again.
"""
from pyspark.sql import functions as F

from catalog.licence_sync import apply_checkout_counts

from .events import load_loan_events


def daily_checkouts(events, day):
    """One row per licence: (licence_id, day, checkouts). Renewals are not checkouts for the distributors."""
    return (
        events.filter(F.col("event") == "checkout")
        .filter(F.col("licence_id").isNotNull())
        .groupBy("licence_id")
        .agg(F.countDistinct("loan_id").alias("checkouts"))
        .withColumn("day", F.lit(day.isoformat()).cast("date"))
        .select("licence_id", "day", "checkouts")
    )


def run(spark, events_path, day):
    counts = daily_checkouts(load_loan_events(spark, events_path), day).cache()
    try:
        counts.foreachPartition(apply_checkout_counts)
        return counts.count()
    finally:
        counts.unpersist()
