"""Circulation per branch and format for one day (board dashboard): checkouts, renewals, distinct patrons."""
from pyspark.sql import functions as F

from lending.jobs.events import load_loan_events
from reports.sinks import write_branch_circulation


def branch_circulation(events, day):
    loans = events.filter(F.col("event").isin("checkout", "renew"))
    return (
        loans.groupBy(F.coalesce("branch", F.lit("WEB")).alias("branch_code"), "format")
        .agg(
            F.sum(F.when(F.col("event") == "checkout", 1).otherwise(0)).alias("checkouts"),
            F.sum(F.when(F.col("event") == "renew", 1).otherwise(0)).alias("renewals"),
            F.countDistinct("patron").alias("patrons"),
        )
        .withColumn("day", F.lit(day.isoformat()).cast("date"))
    )


def run(spark, events_path, day):
    stats = branch_circulation(load_loan_events(spark, events_path), day).cache()
    try:
        stats.foreachPartition(write_branch_circulation)
        return stats.count()
    finally:
        stats.unpersist()
