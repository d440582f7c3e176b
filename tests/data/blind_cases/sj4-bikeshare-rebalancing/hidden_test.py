"""Acceptance tests: the long-running job process picks up target changes made between planning runs
(changed bands, new stations, new event overrides) on the very next run, without a restart."""
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from rebalancing.models import RebalanceTask
from rebalancing.planner import plan_rebalancing
from stations.models import Station, StationStatus, TargetOverride

LISBON = ZoneInfo("Europe/Lisbon")
T0 = datetime(2024, 4, 17, 13, 0, tzinfo=LISBON)


def make_station(code, min_bikes=4, max_bikes=16):
    return Station.objects.create(code=code, name=f"Station {code}", capacity=24, lat=38.7, lon=-9.1,
                                  opened_on=date(2024, 1, 1), min_bikes=min_bikes, max_bikes=max_bikes)


def report(station, bikes, at):
    StationStatus.objects.create(station=station, reported_at=at, bikes_available=bikes,
                                 docks_available=station.capacity - bikes)


def tasks_for(station):
    return list(RebalanceTask.objects.filter(station=station))


@pytest.mark.django_db
def test_changed_band_is_used_on_the_next_run():
    union = make_station("UNI", min_bikes=4, max_bikes=16)
    report(union, 6, T0)
    assert plan_rebalancing(now=T0) == []

    union.min_bikes, union.max_bikes = 10, 20  # ops edit the station in the admin
    union.save()
    later = T0 + timedelta(minutes=5)
    report(union, 6, later)
    plan_rebalancing(now=later)

    (task,) = tasks_for(union)
    assert task.kind == RebalanceTask.Kind.DROP_OFF
    assert task.bikes == 9  # up to the middle of the new band (15)


@pytest.mark.django_db
def test_lowered_band_stops_tasks_on_the_next_run():
    market = make_station("MKT", min_bikes=8, max_bikes=20)
    report(market, 5, T0)
    assert len(plan_rebalancing(now=T0)) == 1
    RebalanceTask.objects.update(status=RebalanceTask.Status.DONE)

    Station.objects.filter(pk=market.pk).update(min_bikes=2)
    later = T0 + timedelta(minutes=5)
    report(market, 5, later)
    assert plan_rebalancing(now=later) == []


@pytest.mark.django_db
def test_station_opened_between_runs_is_planned():
    make_station("OLD")
    plan_rebalancing(now=T0)

    riverside = make_station("RVP", min_bikes=5, max_bikes=15)
    later = T0 + timedelta(minutes=5)
    report(riverside, 0, later)
    plan_rebalancing(now=later)

    (task,) = tasks_for(riverside)
    assert (task.kind, task.bikes) == (RebalanceTask.Kind.DROP_OFF, 10)


@pytest.mark.django_db
def test_override_added_between_runs_applies():
    stadium = make_station("STD", min_bikes=2, max_bikes=12)
    report(stadium, 1, T0 - timedelta(minutes=5))
    plan_rebalancing(now=T0 - timedelta(minutes=5))
    RebalanceTask.objects.update(status=RebalanceTask.Status.DONE)

    TargetOverride.objects.create(station=stadium, starts_on=date(2024, 4, 17), ends_on=date(2024, 4, 17),
                                  from_hour=12, to_hour=18, min_bikes=0, max_bikes=3, reason="match day")
    report(stadium, 9, T0)
    plan_rebalancing(now=T0)

    (task,) = [t for t in tasks_for(stadium) if t.status == RebalanceTask.Status.OPEN]
    assert (task.kind, task.bikes) == (RebalanceTask.Kind.PICK_UP, 8)


@pytest.mark.django_db
def test_run_jobs_process_sees_admin_changes():
    plaza = make_station("PLZ", min_bikes=3, max_bikes=18)
    report(plaza, 5, timezone.now())
    call_command("run_jobs", "--once", "--only", "plan_rebalancing", stdout=StringIO())
    assert tasks_for(plaza) == []

    plaza.min_bikes = 8
    plaza.save()
    call_command("run_jobs", "--once", "--only", "plan_rebalancing", stdout=StringIO())
    (task,) = tasks_for(plaza)
    assert task.kind == RebalanceTask.Kind.DROP_OFF
