"""Daily technical availability per turbine from the SCADA status codes."""
import logging

from pyspark.sql import functions as F
from pyspark.sql.types import StringType

from .scada import INTERVAL_MINUTES, export_path, read_scada, turbine_frame

logger = logging.getLogger(__name__)

# Curtailed and low-wind intervals do not count against the turbine.
AVAILABLE_CATEGORIES = ("available", "curtailed", "weather")
UNKNOWN = "fault"


def category_udf(categories_bc):
    def category(status_code):
        if status_code is None:
            return UNKNOWN
        return categories_bc.value.get(status_code, UNKNOWN)

    return F.udf(category, StringType())


class AvailabilityJob:
    name = "availability"

    def __init__(self, spark, day, scada_path=None):
        self.spark = spark
        self.day = day
        self.scada_path = scada_path or export_path(day)

    def _broadcast_categories(self):
        from windops.models import StatusCode

        categories = dict(StatusCode.objects.values_list("code", "category"))
        return self.spark.sparkContext.broadcast(categories)

    @staticmethod
    def availability(readings, turbines, categories_bc):
        categorised = readings.join(turbines, on="scada_tag", how="inner").withColumn(
            "category", category_udf(categories_bc)(F.col("status_code"))
        )
        available = F.col("category").isin(*AVAILABLE_CATEGORIES)
        return categorised.groupBy("turbine_id").agg(
            (F.sum(F.when(available, 1).otherwise(0)) * INTERVAL_MINUTES).alias("available_minutes"),
            (F.sum(F.when(available, 0).otherwise(1)) * INTERVAL_MINUTES).alias("unavailable_minutes"),
        )

    def run(self):
        from django.db import transaction

        from windops.models import TurbineAvailability

        readings = read_scada(self.spark, self.scada_path)
        per_turbine = self.availability(readings, turbine_frame(self.spark), self._broadcast_categories())
        rows = per_turbine.collect()
        saved = {}
        with transaction.atomic():
            for row in rows:
                total = row.available_minutes + row.unavailable_minutes
                saved[row.turbine_id], _ = TurbineAvailability.objects.update_or_create(
                    turbine_id=row.turbine_id,
                    day=self.day,
                    defaults={
                        "available_minutes": row.available_minutes,
                        "unavailable_minutes": row.unavailable_minutes,
                        "availability_pct": round(100.0 * row.available_minutes / total, 2) if total else 0.0,
                    },
                )
        fleet = per_turbine.agg(F.sum("available_minutes").alias("up"),
                                F.sum("unavailable_minutes").alias("down")).first()
        if fleet and fleet.up is not None:
            logger.info("availability %s: %d turbines, %d min up, %d min down",
                        self.day, len(rows), fleet.up, fleet.down)
        return saved
