"""Parcels left in a locker longer than the carrier allows.

Carriers pick these up on their next round and either re-deliver or return
them; the alert list goes to their depot every morning.
"""
import logging
from dataclasses import dataclass

from django.db import transaction
from pyspark import StorageLevel
from pyspark.sql import functions as F

from lockers.models import DwellAlert
from lockers.timeutils import epoch

from . import frames

logger = logging.getLogger(__name__)

# Never ship more than this many alerts to a depot in one morning; the rest
# show up the next day (they are still overdue then).
MAX_ALERTS = 500


@dataclass(frozen=True)
class DwellResult:
    overdue: int
    alerted: int


class DwellAlertJob:
    def __init__(self, spark):
        self.spark = spark

    def run(self, carrier, now):
        now_ts = epoch(now)
        waiting = frames.parcels_in_locker(self.spark, carrier, now)
        overdue = (
            waiting
            .withColumn("age_hours", (F.lit(now_ts) - F.col("deposited_ts")) / F.lit(3600.0))
            .where(F.col("age_hours") > F.lit(float(carrier.max_dwell_hours)))
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        try:
            total = overdue.count()
            oldest = (
                overdue.orderBy(F.col("age_hours").desc(), F.col("parcel_id"))
                .select("parcel_id", "age_hours")
                .limit(MAX_ALERTS)
                .collect()
            )
        finally:
            overdue.unpersist()

        alerted = self._save(now, oldest)
        if total > len(oldest):
            logger.warning("dwell %s: %d overdue, only the oldest %d alerted", carrier.code, total, len(oldest))
        return DwellResult(overdue=total, alerted=alerted)

    @staticmethod
    def _save(now, rows):
        created = 0
        with transaction.atomic():
            for row in rows:
                _, was_created = DwellAlert.objects.get_or_create(
                    parcel_id=row["parcel_id"],
                    defaults={"raised_at": now, "age_hours": round(float(row["age_hours"]), 1)},
                )
                created += was_created
        return created
