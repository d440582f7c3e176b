"""Monthly circulation statistics.

Each job takes a SparkSession and a reporting month and returns the (small)
aggregated result as a list of Rows; saving happens in ``circulation.stats``.
"""
import logging

from pyspark.sql import functions as F

from catalog.models import Branch
from circulation.exports import export_files
from circulation.periods import month_bounds

from .enrich import is_late, with_catalogue_genre, with_isbn13
from .events import CHECKOUT, RENEWAL, RETURN, in_period, read_events

logger = logging.getLogger(__name__)

LATE_GRACE_HOURS = 24


def summarise_loans(loans):
    """Checkouts, renewals and distinct borrowers per branch and genre."""
    is_checkout = F.col("event_type") == CHECKOUT
    return loans.groupBy("branch_code", "genre").agg(
        F.sum(F.when(is_checkout, 1).otherwise(0)).alias("checkouts"),
        F.sum(F.when(F.col("event_type") == RENEWAL, 1).otherwise(0)).alias("renewals"),
        F.countDistinct(F.when(is_checkout, F.col("patron_ref"))).alias("borrowers"),
    )


def genre_circulation(spark, month, directory=None):
    """Loans per branch and genre for ``month``; None when there are no exports."""
    paths = export_files(month, directory)
    if not paths:
        logger.warning("genre circulation %s: no loan exports found", f"{month:%Y-%m}")
        return None
    start, end = month_bounds(month)
    loans = in_period(read_events(spark, paths), start, end).where(
        F.col("event_type").isin(CHECKOUT, RENEWAL)
    )
    loans = with_catalogue_genre(with_isbn13(loans))
    rows = summarise_loans(loans).collect()
    logger.info("genre circulation %s: %d branch/genre rows from %d files", f"{month:%Y-%m}", len(rows), len(paths))
    return rows


def branch_regions(spark):
    """Branch code -> region, as a small DataFrame built from the branch table."""
    pairs = [(code.upper(), region) for code, region in Branch.objects.values_list("code", "region")]
    return spark.createDataFrame(pairs, "branch_code string, region string")


def regional_returns(spark, month, directory=None):
    """Returns and late returns per region for ``month``; None when there are no exports."""
    paths = export_files(month, directory)
    if not paths:
        logger.warning("regional returns %s: no loan exports found", f"{month:%Y-%m}")
        return None
    start, end = month_bounds(month)
    returns = in_period(read_events(spark, paths), start, end).where(F.col("event_type") == RETURN)
    by_region = returns.join(F.broadcast(branch_regions(spark)), on="branch_code", how="inner")
    rows = (
        by_region.groupBy("region")
        .agg(
            F.count(F.lit(1)).alias("returns"),
            F.sum(F.when(is_late(grace_hours=LATE_GRACE_HOURS), 1).otherwise(0)).alias("late_returns"),
        )
        .collect()
    )
    logger.info("regional returns %s: %d regions", f"{month:%Y-%m}", len(rows))
    return rows
