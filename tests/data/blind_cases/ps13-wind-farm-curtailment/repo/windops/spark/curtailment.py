"""Daily curtailment losses per turbine.

For every 10-minute SCADA interval that falls inside a grid-operator curtailment order for the turbine's
farm, the loss is what the warranted power curve says the turbine would have produced at the measured
wind speed minus what it actually produced. Losses are summed per turbine and order reason and priced
with the farm's compensation tariff for the day.
"""
import logging
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType

from fleet.powercurves import expected_power_kw

from .scada import INTERVAL_MINUTES, export_path, read_scada, turbine_frame

logger = logging.getLogger(__name__)

ORDER_SCHEMA = "farm_id long, reason string, starts_at timestamp, ends_at timestamp"


def power_curve_udf(curves_bc):
    def expected_kw(model_code, wind_speed):
        return expected_power_kw(curves_bc.value.get(model_code), wind_speed)

    return F.udf(expected_kw, DoubleType())


def compensation_udf(tariffs_bc):
    def compensation(farm_id, reason, lost_kwh):
        return float(tariffs_bc.value.compensation(farm_id, reason, lost_kwh))

    return F.udf(compensation, DoubleType())


class CurtailmentJob:
    name = "curtailment"

    def __init__(self, spark, day, scada_path=None):
        self.spark = spark
        self.day = day
        self.scada_path = scada_path or export_path(day)

    # -- driver side: plain data out of the database ---------------------------------------------------
    def day_bounds(self):
        start = timezone.make_aware(datetime.combine(self.day, time.min))
        return start, start + timedelta(days=1)

    def order_rows(self):
        from windops.models import CurtailmentOrder

        start, end = self.day_bounds()
        orders = CurtailmentOrder.objects.filter(starts_at__lt=end, ends_at__gt=start).order_by("starts_at")
        return [(o.farm_id, o.reason, max(o.starts_at, start), min(o.ends_at, end)) for o in orders]

    def _broadcast_power_curves(self):
        from fleet.powercurves import load_power_curves

        return self.spark.sparkContext.broadcast(load_power_curves())

    def _broadcast_tariffs(self):
        from windops.pricing import TariffBook

        return self.spark.sparkContext.broadcast(TariffBook.load(self.day))

    # -- Spark transformations ---------------------------------------------------------------------------
    @staticmethod
    def curtailed_intervals(readings, turbines, orders):
        """SCADA intervals of turbines whose farm was under a curtailment order."""
        with_turbine = readings.join(turbines, on="scada_tag", how="inner")
        joined = with_turbine.join(
            orders,
            on=(with_turbine.farm_id == orders.farm_id)
            & (with_turbine.ts >= orders.starts_at)
            & (with_turbine.ts < orders.ends_at),
            how="inner",
        )
        return joined.select(
            with_turbine.ts, with_turbine.turbine_id, with_turbine.farm_id, with_turbine.model_code,
            with_turbine.wind_speed_ms, with_turbine.active_power_kw, orders.reason,
        ).dropDuplicates(["ts", "turbine_id"])

    @staticmethod
    def lost_energy(intervals, curves_bc):
        expected = power_curve_udf(curves_bc)(F.col("model_code"), F.col("wind_speed_ms"))
        actual = F.coalesce(F.col("active_power_kw"), F.lit(0.0))
        return (
            intervals.withColumn("expected_kw", expected)
            .withColumn("lost_kwh", F.greatest(F.lit(0.0), F.col("expected_kw") - actual)
                        * F.lit(INTERVAL_MINUTES / 60.0))
        )

    @staticmethod
    def per_turbine(losses):
        return losses.groupBy("turbine_id", "farm_id", "reason").agg(
            (F.count("*") * INTERVAL_MINUTES).alias("curtailed_minutes"),
            F.sum("lost_kwh").alias("lost_kwh"),
        )

    # -- the job -------------------------------------------------------------------------------------------
    def run(self):
        orders = self.order_rows()
        if not orders:
            logger.info("curtailment %s: no curtailment orders, nothing to do", self.day)
            return {}

        readings = read_scada(self.spark, self.scada_path)
        turbines = turbine_frame(self.spark)
        orders_df = self.spark.createDataFrame(orders, ORDER_SCHEMA)

        curves = self._broadcast_power_curves()
        tariffs = self._broadcast_tariffs()

        losses = self.lost_energy(self.curtailed_intervals(readings, turbines, orders_df), curves)
        priced = self.per_turbine(losses).withColumn(
            "compensation_eur", compensation_udf(tariffs)("farm_id", "reason", "lost_kwh")
        )
        rows = priced.collect()  # one row per turbine and reason
        saved = self.save(rows)

        for farm_id, lost_kwh, eur in sorted(self.farm_totals(rows)):
            logger.info("curtailment %s: farm %s lost %.1f kWh, compensation %.2f EUR",
                        self.day, farm_id, lost_kwh, eur)
        return saved

    @staticmethod
    def farm_totals(rows):
        totals = {}
        for row in rows:
            kwh, eur = totals.get(row.farm_id, (0.0, 0.0))
            totals[row.farm_id] = (kwh + row.lost_kwh, eur + row.compensation_eur)
        return [(farm_id, kwh, eur) for farm_id, (kwh, eur) in totals.items()]

    def save(self, rows):
        from django.db import transaction

        from windops.models import CurtailmentLoss

        saved = {}
        with transaction.atomic():
            CurtailmentLoss.objects.filter(day=self.day).delete()  # re-runs replace the day
            for row in rows:
                loss = CurtailmentLoss.objects.create(
                    turbine_id=row.turbine_id,
                    day=self.day,
                    reason=row.reason,
                    curtailed_minutes=row.curtailed_minutes,
                    lost_kwh=round(row.lost_kwh, 3),
                    compensation_eur=Decimal(str(round(row.compensation_eur, 2))),
                )
                saved[(row.turbine_id, row.reason)] = loss
        return saved
