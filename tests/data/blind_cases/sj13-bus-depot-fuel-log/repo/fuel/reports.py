from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from .models import FuelTransaction


def _local_range(first_day, last_day):
    start = timezone.make_aware(datetime.combine(first_day, time.min))
    end = timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))
    return start, end


def daily_totals(day):
    """Litres and number of fills per depot and fuel type for one local day."""
    start, end = _local_range(day, day)
    rows = (
        FuelTransaction.objects.filter(dispensed_at__gte=start, dispensed_at__lt=end)
        .values("pump__depot__code", "fuel_type")
        .annotate(litres=Sum("litres"), fills=Count("id"))
        .order_by("pump__depot__code", "fuel_type")
    )
    return [{"depot": r["pump__depot__code"], "fuel_type": r["fuel_type"],
             "litres": r["litres"], "fills": r["fills"]} for r in rows]


def consumption_by_bus(first_day, last_day, depot=None, fuel_type="D"):
    """Litres per bus over a date range, with l/100km where odometer readings allow it."""
    start, end = _local_range(first_day, last_day)
    qs = (FuelTransaction.objects.filter(dispensed_at__gte=start, dispensed_at__lt=end, fuel_type=fuel_type,
                                         bus__isnull=False)
          .select_related("bus").order_by("bus__fleet_number", "dispensed_at"))
    if depot:
        qs = qs.filter(bus__depot__code=depot)
    per_bus = defaultdict(lambda: {"litres": Decimal("0"), "fills": 0, "odometers": []})
    for tx in qs:
        entry = per_bus[tx.bus.fleet_number]
        entry["litres"] += tx.litres
        entry["fills"] += 1
        if tx.odometer_km:
            entry["odometers"].append((tx.odometer_km, tx.litres))
    report = []
    for fleet_number, entry in sorted(per_bus.items()):
        per_100 = None
        readings = entry["odometers"]
        if len(readings) >= 2 and readings[-1][0] > readings[0][0]:
            # the first fill tops up fuel burnt before the period started
            litres_in_period = sum(l for _, l in readings[1:])
            per_100 = litres_in_period * 100 / (readings[-1][0] - readings[0][0])
        report.append({"fleet_number": fleet_number, "litres": entry["litres"], "fills": entry["fills"],
                       "l_per_100km": per_100})
    return report
