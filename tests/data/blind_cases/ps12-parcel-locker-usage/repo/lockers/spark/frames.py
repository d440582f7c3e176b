"""Load the rows a job needs from the database into Spark.

Times are handed to Spark as epoch seconds so nothing depends on the
session or JVM time zone.
"""
from django.db.models import Q
from pyspark.sql import types as T

from lockers.models import Allocation, Locker, Parcel
from lockers.timeutils import epoch

PARCELS = T.StructType([
    T.StructField("parcel_id", T.LongType(), False),
    T.StructField("carrier_id", T.LongType(), False),
    T.StructField("locker_id", T.LongType(), False),
    T.StructField("size", T.StringType(), False),
    T.StructField("deposited_ts", T.LongType(), False),
    T.StructField("collected_ts", T.LongType(), True),
])

ALLOCATIONS = T.StructType([
    T.StructField("locker_id", T.LongType(), False),
    T.StructField("compartments", T.LongType(), False),
])

LOCKERS = T.StructType([
    T.StructField("locker_id", T.LongType(), False),
    T.StructField("locker_code", T.StringType(), False),
    T.StructField("city", T.StringType(), False),
])


def _parcel_rows(queryset):
    fields = ("pk", "carrier_id", "locker_id", "size", "deposited_at", "collected_at")
    return [(pk, carrier_id, locker_id, size, epoch(dep), epoch(col))
            for pk, carrier_id, locker_id, size, dep, col in queryset.values_list(*fields)]


def parcels_in_window(spark, start, end, carrier=None):
    """Parcels that were in a locker at some point during [start, end)."""
    qs = Parcel.objects.filter(deposited_at__lt=end).filter(Q(collected_at__isnull=True) | Q(collected_at__gt=start))
    if carrier is not None:
        qs = qs.filter(carrier=carrier)
    return spark.createDataFrame(_parcel_rows(qs), PARCELS)


def parcels_in_locker(spark, carrier, at):
    """Parcels of a carrier still sitting in a locker at ``at``."""
    qs = Parcel.objects.filter(carrier=carrier, deposited_at__lte=at, collected_at__isnull=True)
    return spark.createDataFrame(_parcel_rows(qs), PARCELS)


def allocations(spark, carrier):
    rows = list(Allocation.objects.filter(carrier=carrier, locker__active=True)
                .values_list("locker_id", "compartments"))
    return spark.createDataFrame(rows, ALLOCATIONS)


def lockers(spark):
    rows = list(Locker.objects.values_list("pk", "code", "city"))
    return spark.createDataFrame(rows, LOCKERS)
