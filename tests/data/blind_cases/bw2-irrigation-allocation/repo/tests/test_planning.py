from datetime import timedelta

import pytest
from django.utils import timezone

from irrigation.models import IrrigationRun
from irrigation.planning import PlanningError, liters_needed, minutes_for, plan_day


def test_liters_needed_from_et0(zones):
    # 6 mm * 1.05 * 12000 m2 / 0.9
    assert liters_needed(zones[0], 6) == 84000
    assert minutes_for(zones[0], 84000) == 140


def test_plan_day_creates_one_run_per_zone(farm, zones, allocation):
    day = timezone.localdate() + timedelta(days=1)
    runs = plan_day(farm, day, 5)
    assert len(runs) == 3
    assert {r.zone_id for r in runs} == {z.pk for z in zones}
    # replanning replaces the planned runs
    plan_day(farm, day, 4)
    assert IrrigationRun.objects.filter(zone__farm=farm).count() == 3


def test_no_planning_below_reserve(farm, zones, allocation):
    allocation.remaining_liters = 100_000
    allocation.save()
    with pytest.raises(PlanningError):
        plan_day(farm, timezone.localdate(), 5)
