"""Network-wide deposit counts per city and compartment size (ops dashboard)."""
from pyspark.sql import functions as F

from lockers.timeutils import day_bounds, epoch

from . import frames


class NetworkSummary:
    def __init__(self, spark):
        self.spark = spark

    def run(self, day):
        """{city: {size: deposits}} for all carriers on ``day``."""
        start, end = day_bounds(day)
        start_ts = epoch(start)
        deposits = (
            frames.parcels_in_window(self.spark, start, end)
            .where(F.col("deposited_ts") >= start_ts)
            .join(frames.lockers(self.spark), "locker_id")
            .groupBy("city", "size")
            .agg(F.count(F.lit(1)).alias("deposits"))
        )
        # one row per city and size: a few dozen rows at most
        summary = {}
        for row in deposits.collect():
            summary.setdefault(row["city"], {})[row["size"]] = row["deposits"]
        return summary
