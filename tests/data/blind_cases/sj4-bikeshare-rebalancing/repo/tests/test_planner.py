from datetime import date, timedelta

import pytest

from rebalancing.models import RebalanceTask
from rebalancing.planner import plan_rebalancing
from rebalancing.targets import StationTargets
from stations.models import TargetOverride

from .conftest import NOW


@pytest.mark.django_db
def test_empty_station_gets_drop_off_and_full_station_pick_up(station, report):
    empty, full, fine = station(), station(), station()
    report(empty, 1)
    report(full, 22)
    report(fine, 9)

    tasks = {t.station_id: t for t in plan_rebalancing(now=NOW)}

    assert set(tasks) == {empty.pk, full.pk}
    assert (tasks[empty.pk].kind, tasks[empty.pk].bikes) == (RebalanceTask.Kind.DROP_OFF, 9)
    assert (tasks[full.pk].kind, tasks[full.pk].bikes) == (RebalanceTask.Kind.PICK_UP, 12)
    assert tasks[empty.pk].expires_at == NOW + timedelta(minutes=90)


@pytest.mark.django_db
def test_no_second_task_while_one_is_active(station, report):
    s = station()
    report(s, 0)
    assert len(plan_rebalancing(now=NOW)) == 1
    report(s, 0, at=NOW + timedelta(minutes=5))
    assert plan_rebalancing(now=NOW + timedelta(minutes=5)) == []


@pytest.mark.django_db
def test_stale_or_not_renting_status_is_ignored(station, report):
    stale, closed = station(), station()
    report(stale, 0, at=NOW - timedelta(minutes=30))
    report(closed, 0, is_renting=False)
    assert plan_rebalancing(now=NOW) == []


@pytest.mark.django_db
def test_event_override_applies_during_its_hours(station, report):
    stadium = station(min_bikes=2, max_bikes=10)
    TargetOverride.objects.create(station=stadium, starts_on=date(2024, 4, 16), ends_on=date(2024, 4, 16),
                                  from_hour=9, to_hour=12, min_bikes=0, max_bikes=4, reason="match day")
    report(stadium, 8)
    (task,) = plan_rebalancing(now=NOW)
    assert (task.kind, task.bikes) == (RebalanceTask.Kind.PICK_UP, 6)


@pytest.mark.django_db
def test_targets_fall_back_to_station_band(station):
    s = station(min_bikes=5, max_bikes=11)
    targets = StationTargets(NOW)
    assert targets.for_station(s.pk).fill_to == 8
    assert targets.for_station(s.pk + 1000) is None


@pytest.mark.django_db
def test_rush_hour_tasks_rank_higher(station, report):
    s = station()
    report(s, 0, at=NOW.replace(hour=7))
    (task,) = plan_rebalancing(now=NOW.replace(hour=7))
    report(s, 0, at=NOW.replace(hour=13))
    RebalanceTask.objects.all().delete()
    (quiet,) = plan_rebalancing(now=NOW.replace(hour=13))
    assert task.priority > quiet.priority
