"""Nightly job: per-store sales summary for the commercial team (and the BI export)."""
import logging

from pyspark.sql import functions as F

from rewards.receipts import read_receipts, receipts_path_for
from rewards.sinks import upsert_store_sales

log = logging.getLogger(__name__)


def store_sales(receipts):
    is_member = F.col("card_number").isNotNull()
    return (
        receipts.groupBy("store_code")
        .agg(
            F.count(F.lit(1)).alias("receipts"),
            F.sum(F.when(is_member, 1).otherwise(0)).cast("int").alias("member_receipts"),
            F.sum("total_amount").alias("revenue"),
            F.coalesce(F.sum(F.when(is_member, F.col("total_amount"))), F.lit(0)).alias("member_revenue"),
        )
        .orderBy("store_code")
    )


def run_export_receipts(spark, business_date, receipts_path=None, output_path=None):
    """Summarise the day per store, write the parquet export (if asked) and the StoreDailySales rows."""
    path = str(receipts_path or receipts_path_for(business_date))
    daily = store_sales(read_receipts(spark, path)).cache()
    try:
        if output_path:
            daily.withColumn("business_date", F.lit(business_date)).write.mode("overwrite").parquet(str(output_path))
            log.info("store sales for %s exported to %s", business_date, output_path)
        rows = daily.collect()  # one row per store
    finally:
        daily.unpersist()
    written = upsert_store_sales(business_date, rows)
    log.info("store sales for %s: %d stores", business_date, written)
    return written
