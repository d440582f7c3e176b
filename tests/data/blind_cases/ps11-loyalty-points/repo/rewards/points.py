"""Points rules, as Spark transformations.

* POINTS_PER_POUND points for every whole pound on the receipt,
* BONUS_POINTS_PER_POUND extra points for every whole pound spent on promoted lines,
* refunds (negative receipts) take the points back the same way.
"""
from django.conf import settings
from pyspark.sql import DataFrame, functions as F


def receipt_points(receipts: DataFrame) -> DataFrame:
    """Add a `points` column to member receipts (anonymous receipts are dropped)."""
    whole_pounds = F.col("total_amount").cast("int")
    bonus_pounds = F.col("bonus_amount").cast("int")
    return (
        receipts.where(F.col("card_number").isNotNull())
        .withColumn(
            "points",
            whole_pounds * F.lit(settings.POINTS_PER_POUND) + bonus_pounds * F.lit(settings.BONUS_POINTS_PER_POUND),
        )
    )


def compute_member_points(receipts: DataFrame) -> DataFrame:
    """Per-member totals for the day: card_number, receipts, spend, points, last_purchase_on."""
    return (
        receipt_points(receipts)
        .groupBy("card_number")
        .agg(
            F.count(F.lit(1)).alias("receipts"),
            F.sum("total_amount").alias("spend"),
            F.sum("points").cast("int").alias("points"),
            F.max(F.to_date("purchased_at")).alias("last_purchase_on"),
        )
    )
