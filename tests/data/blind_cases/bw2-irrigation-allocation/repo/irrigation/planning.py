"""Run planning from reference evapotranspiration (ET0).

1 mm of water over 1 m2 is 1 liter, so a zone needs
    ET0 [mm] * crop coefficient * area [m2] / system efficiency
liters to replace what the crop used.
"""
import math
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from farms.models import SeasonAllocation, Zone

from .models import IrrigationRun

# runs are staggered so that no more than this many valves of one farm are open at once
MAX_PARALLEL_VALVES = 4
FIRST_RUN_AT = time(4, 0)


class PlanningError(Exception):
    pass


def liters_needed(zone, et0_mm):
    gross = Decimal(et0_mm) * zone.crop_coefficient * zone.area_m2 / zone.farm.system_efficiency
    return int(gross.to_integral_value())


def minutes_for(zone, liters):
    return max(1, math.ceil(liters / zone.valve.flow_rate_lpm))


def plan_day(farm, day, et0_mm):
    """Create the runs of ``farm`` for ``day``; zones are started in waves of MAX_PARALLEL_VALVES."""
    allocation = SeasonAllocation.objects.current_for(farm, timezone.make_aware(datetime.combine(day, FIRST_RUN_AT)))
    if allocation is None:
        raise PlanningError(f"{farm} has no water allocation for {day}")
    if allocation.is_low:
        raise PlanningError(f"{farm} is below its reserve ({allocation.remaining_liters} l left)")
    zones = list(Zone.objects.filter(farm=farm, is_enabled=True).select_related("valve", "farm"))
    start = timezone.make_aware(datetime.combine(day, FIRST_RUN_AT))
    runs = []
    for index, zone in enumerate(zones):
        liters = liters_needed(zone, et0_mm)
        if liters <= 0:
            continue
        wave = index // MAX_PARALLEL_VALVES
        runs.append(IrrigationRun(
            zone=zone,
            scheduled_start=start + timedelta(hours=wave),
            duration_minutes=minutes_for(zone, liters),
            planned_liters=liters,
        ))
    with transaction.atomic():
        IrrigationRun.objects.filter(zone__farm=farm, scheduled_start__date=day,
                                     status=IrrigationRun.Status.PLANNED).delete()
        return IrrigationRun.objects.bulk_create(runs)
