"""Nightly per-locker utilisation for one carrier.

For every locker the carrier rents compartments in we work out, for one local
calendar day:

* ``deposits``       – parcels put into the locker that day
* ``occupied_hours`` – compartment-hours the carrier's parcels occupied that day
                       (a parcel deposited yesterday and picked up at 09:00
                       counts 9 hours; one still there at midnight counts
                       until midnight)
* ``held_over``      – parcels still in the locker when the day ended
* ``utilisation``    – occupied_hours / (allocated compartments * hours in the day)

Results are upserted into ``LockerUsage``, so a day can be recomputed.
"""
import logging
from dataclasses import dataclass

from django.db import transaction
from pyspark.sql import functions as F

from lockers.models import LockerUsage
from lockers.timeutils import day_bounds, epoch

from . import frames

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UsageRow:
    locker_id: int
    compartments: int
    deposits: int
    occupied_hours: float
    held_over: int
    utilisation: float


class UsageReport:
    def __init__(self, spark):
        self.spark = spark

    def run(self, carrier, day):
        """Compute and store ``carrier``'s usage of each allocated locker on ``day``."""
        start, end = day_bounds(day)
        start_ts, end_ts = epoch(start), epoch(end)
        hours_in_day = (end_ts - start_ts) / 3600.0

        parcels = frames.parcels_in_window(self.spark, start, end, carrier=carrier)
        allocated = frames.allocations(self.spark, carrier)

        # Each parcel's stay clipped to the day. Both aggregates below read it,
        # so keep it around instead of rebuilding it from the source twice.
        stays = (
            parcels
            .withColumn("in_ts", F.greatest(F.col("deposited_ts"), F.lit(start_ts)))
            .withColumn("out_ts", F.least(F.coalesce(F.col("collected_ts"), F.lit(end_ts)), F.lit(end_ts)))
            .where(F.col("out_ts") > F.col("in_ts"))
            .withColumn("hours", (F.col("out_ts") - F.col("in_ts")) / F.lit(3600.0))
            .cache()
        )

        occupancy = stays.groupBy("locker_id").agg(
            F.count(F.when(F.col("deposited_ts") >= start_ts, True)).alias("deposits"),
            F.sum("hours").alias("occupied_hours"),
        )
        held_over = (
            stays.where(F.col("collected_ts").isNull() | (F.col("collected_ts") >= end_ts))
            .groupBy("locker_id")
            .agg(F.count(F.lit(1)).alias("held_over"))
        )

        usage = (
            allocated
            .join(occupancy, "locker_id", "left")
            .join(held_over, "locker_id", "left")
            .fillna(0, subset=["deposits", "occupied_hours", "held_over"])
            .withColumn(
                "utilisation",
                F.when(F.col("compartments") > 0,
                       F.col("occupied_hours") / (F.col("compartments") * F.lit(hours_in_day)))
                .otherwise(F.lit(0.0)),
            )
        )

        rows = [
            UsageRow(
                locker_id=r["locker_id"],
                compartments=r["compartments"],
                deposits=int(r["deposits"]),
                occupied_hours=round(float(r["occupied_hours"]), 3),
                held_over=int(r["held_over"]),
                utilisation=round(float(r["utilisation"]), 4),
            )
            for r in usage.orderBy("locker_id").collect()
        ]
        self._save(carrier, day, rows)
        logger.info("usage %s %s: %d lockers", carrier.code, day, len(rows))
        return rows

    @staticmethod
    def _save(carrier, day, rows):
        with transaction.atomic():
            for row in rows:
                LockerUsage.objects.update_or_create(
                    carrier=carrier, locker_id=row.locker_id, day=day,
                    defaults={
                        "compartments": row.compartments,
                        "deposits": row.deposits,
                        "occupied_hours": row.occupied_hours,
                        "held_over": row.held_over,
                        "utilisation": row.utilisation,
                    },
                )
