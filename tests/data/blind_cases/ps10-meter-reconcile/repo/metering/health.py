"""Daily meter health check: which smart meters went silent, which mostly send estimates."""
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from pyspark import StorageLevel
from pyspark.sql import functions as F

from .readings import readings_between

logger = logging.getLogger(__name__)


@dataclass
class HealthFindings:
    silent: list = field(default_factory=list)
    estimated: dict = field(default_factory=dict)  # serial -> share of estimated reads


class MeterHealthReport:
    def __init__(self, spark, readings, as_of, lookback_hours=48, estimated_share_alert=0.5):
        self.spark = spark
        self.readings = readings
        self.as_of = as_of
        self.lookback = timedelta(hours=lookback_hours)
        self.estimated_share_alert = estimated_share_alert

    def recent_readings(self):
        return readings_between(self.readings, self.as_of - self.lookback, self.as_of)

    def build(self, serials):
        """Findings for the given active meter serials (the caller reads them from the database)."""
        if not serials:
            return HealthFindings()
        active = self.spark.createDataFrame([(s,) for s in serials], "meter_serial string")
        recent = self.recent_readings().join(active, "meter_serial").persist(StorageLevel.MEMORY_AND_DISK)
        try:
            reporting = recent.select("meter_serial").distinct()
            silent = active.join(reporting, "meter_serial", "left_anti")
            shares = (
                recent.groupBy("meter_serial")
                .agg(F.avg(F.when(F.col("quality") == "E", 1.0).otherwise(0.0)).alias("estimated_share"))
                .filter(F.col("estimated_share") >= self.estimated_share_alert)
            )
            findings = HealthFindings(
                silent=sorted(r["meter_serial"] for r in silent.collect()),
                estimated={r["meter_serial"]: r["estimated_share"] for r in shares.collect()},
            )
        finally:
            recent.unpersist()
        logger.info(
            "meter health as of %s: %d silent, %d mostly estimated (of %d)",
            self.as_of.isoformat(), len(findings.silent), len(findings.estimated), len(serials),
        )
        return findings
