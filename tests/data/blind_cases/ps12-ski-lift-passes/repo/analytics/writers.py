"""Writing Spark job results back to the Django database.

The results are small (a few dozen rows per resort and day), so they are
collected to the driver and replaced per day in one transaction: re-running a
job for a day overwrites that day's rows.
"""
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from resorts.models import Lift, Resort

from .models import DailyRidership, LiftHourlyUtilisation


def save_daily_ridership(day, rows, resort_codes):
    """Replace ``day``'s ridership for the given resorts with ``rows``.

    ``rows`` are Spark ``Row``s (or dicts) with resort, pass_type, scans, unique_passes.
    """
    resorts = {r.code: r for r in Resort.objects.filter(code__in=resort_codes)}
    now = timezone.now()
    objects = []
    for row in rows:
        row = row.asDict() if hasattr(row, "asDict") else row
        objects.append(DailyRidership(
            resort=resorts[row["resort"]], ride_date=day, pass_type=row["pass_type"],
            scans=row["scans"], unique_passes=row["unique_passes"], computed_at=now,
        ))
    with transaction.atomic():
        DailyRidership.objects.filter(ride_date=day, resort__in=resorts.values()).delete()
        DailyRidership.objects.bulk_create(objects)
    return len(objects)


def save_lift_utilisation(day, rows, lift_ids):
    lifts = Lift.objects.in_bulk(lift_ids)
    objects = []
    for row in rows:
        row = row.asDict() if hasattr(row, "asDict") else row
        lift = lifts[row["lift_id"]]
        ratio = Decimal(row["rides"]) / Decimal(lift.capacity_per_hour or 1)
        objects.append(LiftHourlyUtilisation(
            lift=lift, ride_date=day, hour=row["hour"], rides=row["rides"],
            utilisation=min(ratio, Decimal("99.999")).quantize(Decimal("0.001")),
        ))
    with transaction.atomic():
        LiftHourlyUtilisation.objects.filter(ride_date=day, lift__in=lifts.values()).delete()
        LiftHourlyUtilisation.objects.bulk_create(objects)
    return len(objects)
