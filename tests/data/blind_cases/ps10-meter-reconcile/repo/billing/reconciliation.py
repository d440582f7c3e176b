"""Reconcile closed billing periods against the meter readings in the lake.

For every period the consumption measured by the meter (register at the last read of the period minus the
register at the first read) is compared with what the household was billed. Periods of one billing cycle share
their dates, so the readings are filtered once per cycle and every household of the cycle is reconciled from
that slice.

Used by the ``billing.reconcile_billing_periods`` Celery task (nightly, on the ``spark`` queue) and by the
month-end ``jobs/reconcile_billing.py`` spark-submit run.
"""
import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from pyspark import StorageLevel
from pyspark.sql import Window
from pyspark.sql import functions as F

from metering.readings import readings_between

from .models import BillingPeriod, Reconciliation

logger = logging.getLogger(__name__)

KWH = Decimal("0.001")
GAP_SECONDS = 26 * 3600  # daily reads are expected; allow a couple of hours of jitter


@dataclass(frozen=True)
class PeriodResult:
    period_id: int
    measured_kwh: Decimal | None
    difference_kwh: Decimal | None
    readings: int
    gaps: int
    outcome: str


class PeriodReconciler:
    def __init__(self, spark, readings, tolerance_kwh=Decimal("0.5")):
        self.spark = spark
        self.readings = readings
        self.tolerance_kwh = Decimal(tolerance_kwh)

    @staticmethod
    def cycles(periods):
        """Group periods by (start, end); returns [((start, end), [period, ...]), ...] oldest first."""
        grouped = defaultdict(list)
        for period in periods:
            grouped[(period.start, period.end)].append(period)
        return sorted(grouped.items(), key=lambda item: item[0])

    @staticmethod
    def usage_by_meter(readings):
        return readings.groupBy("meter_serial").agg(
            F.count("*").alias("readings"),
            (F.max("register_kwh") - F.min("register_kwh")).alias("measured_kwh"),
        )

    @staticmethod
    def gaps_by_meter(readings):
        by_time = Window.partitionBy("meter_serial").orderBy("read_at")
        step = F.col("read_at").cast("long") - F.lag("read_at").over(by_time).cast("long")
        return (
            readings.withColumn("step_s", step)
            .groupBy("meter_serial")
            .agg(F.sum(F.when(F.col("step_s") > GAP_SECONDS, 1).otherwise(0)).alias("gaps"))
        )

    def outcome(self, billed_kwh, measured_kwh, readings):
        if readings < 2 or measured_kwh is None:
            return None, Reconciliation.Outcome.NO_DATA
        difference = (billed_kwh - measured_kwh).quantize(KWH, rounding=ROUND_HALF_UP)
        if abs(difference) <= self.tolerance_kwh:
            return difference, Reconciliation.Outcome.MATCHED
        if difference > 0:
            return difference, Reconciliation.Outcome.OVER_BILLED
        return difference, Reconciliation.Outcome.UNDER_BILLED

    def reconcile_cycle(self, start, end, periods):
        lower, upper = periods[0].reading_window()
        serials = sorted({p.meter.serial for p in periods})
        cycle_readings = (
            readings_between(self.readings, lower, upper)
            .filter(F.col("meter_serial").isin(serials))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        stats = (
            self.usage_by_meter(cycle_readings)
            .join(self.gaps_by_meter(cycle_readings), "meter_serial", "left")
        )
        # one row per meter of this cycle: at most len(periods) rows
        by_serial = {row["meter_serial"]: row for row in stats.collect()}

        results = []
        for period in periods:
            row = by_serial.get(period.meter.serial)
            readings = row["readings"] if row else 0
            measured = Decimal(str(row["measured_kwh"])).quantize(KWH) if row else None
            difference, outcome = self.outcome(period.billed_kwh, measured, readings)
            results.append(PeriodResult(
                period_id=period.pk,
                measured_kwh=measured if outcome != Reconciliation.Outcome.NO_DATA else None,
                difference_kwh=difference,
                readings=readings,
                gaps=(row["gaps"] or 0) if row else 0,
                outcome=outcome,
            ))
        logger.info("cycle %s..%s: reconciled %d periods (%d meters with readings)",
                    start, end, len(results), len(by_serial))
        return results

    def save(self, result):
        with transaction.atomic():
            Reconciliation.objects.update_or_create(
                period_id=result.period_id,
                defaults={
                    "measured_kwh": result.measured_kwh,
                    "difference_kwh": result.difference_kwh,
                    "readings": result.readings,
                    "gaps": result.gaps,
                    "outcome": result.outcome,
                },
            )
            BillingPeriod.objects.filter(pk=result.period_id).update(status=BillingPeriod.Status.RECONCILED)

    def run(self, periods, dry_run=False):
        results = []
        for (start, end), cycle_periods in self.cycles(periods):
            cycle_results = self.reconcile_cycle(start, end, cycle_periods)
            if not dry_run:
                for result in cycle_results:
                    self.save(result)
            results.extend(cycle_results)
        return results
