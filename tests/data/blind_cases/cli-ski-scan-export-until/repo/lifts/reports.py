"""Queries behind the reporting commands. Periods are resort-local calendar days, both ends inclusive."""
import calendar
from collections import Counter
from datetime import date

from django.conf import settings
from django.db.models import Count

from .models import LiftScan


def month_bounds(year, month):
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def scans_in_period(start, end, lift=None):
    """Accepted scans from the first day to the last day of the period."""
    qs = LiftScan.objects.filter(accepted=True, scanned_at__gte=start, scanned_at__lte=end)
    if lift is not None:
        qs = qs.filter(lift=lift)
    return qs.select_related("lift", "ski_pass__product").order_by("scanned_at")


def daily_visits(day):
    """Distinct passes scanned on one resort-local day (the 'skier days' figure)."""
    return LiftScan.objects.filter(accepted=True, scanned_at__date=day).values("ski_pass").distinct().count()


def count_rides(scans):
    """Rides per (lift code, product code); repeated scans of one pass at one lift within a few seconds count once."""
    rides = Counter()
    last_seen = {}
    for scan in scans:
        key = (scan.ski_pass_id, scan.lift_id)
        prev = last_seen.get(key)
        last_seen[key] = scan.scanned_at
        if prev is not None and (scan.scanned_at - prev).total_seconds() < settings.SNOWLINE_DOUBLE_SCAN_SECONDS:
            continue
        rides[(scan.lift.code, scan.ski_pass.product.code)] += 1
    return rides


def rejected_by_lift(start, end):
    return dict(
        LiftScan.objects.filter(accepted=False, scanned_at__date__gte=start, scanned_at__date__lte=end)
        .values_list("lift__code")
        .annotate(n=Count("id"))
    )
