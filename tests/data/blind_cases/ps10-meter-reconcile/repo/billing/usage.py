"""Monthly consumption per tariff, for the pricing team's spreadsheet."""
import logging

from pyspark.sql import Window
from pyspark.sql import functions as F

logger = logging.getLogger(__name__)


class TariffUsageSummary:
    def __init__(self, spark, readings):
        self.spark = spark
        self.readings = readings

    def consumption_steps(self):
        """kWh used between each read and the previous read of the same meter, dated by the later read."""
        by_time = Window.partitionBy("meter_serial").orderBy("read_at")
        used = F.col("register_kwh") - F.lag("register_kwh").over(by_time)
        return (
            self.readings.withColumn("used_kwh", used)
            .filter(F.col("used_kwh").isNotNull() & (F.col("used_kwh") >= 0))
            .select("meter_serial", F.date_format("read_at", "yyyy-MM").alias("month"), "used_kwh")
        )

    def by_tariff(self, meter_tariffs):
        """``meter_tariffs``: {meter serial: tariff code}. Returns [(tariff, month, meters, kwh), ...]."""
        mapping = self.spark.createDataFrame(
            sorted(meter_tariffs.items()), "meter_serial string, tariff string"
        )
        summary = (
            self.consumption_steps()
            .join(F.broadcast(mapping), "meter_serial")
            .groupBy("tariff", "month")
            .agg(F.countDistinct("meter_serial").alias("meters"), F.round(F.sum("used_kwh"), 3).alias("kwh"))
            .orderBy("tariff", "month")
        )
        # tariffs x months: a few hundred rows at most
        rows = [(r["tariff"], r["month"], r["meters"], r["kwh"]) for r in summary.collect()]
        logger.info("tariff usage: %d tariff-months", len(rows))
        return rows
