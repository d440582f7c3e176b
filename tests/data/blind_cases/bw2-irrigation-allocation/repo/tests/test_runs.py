from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from farms.models import SeasonAllocation, Valve
from irrigation.models import AllocationAlert, IrrigationRun
from irrigation.tasks import close_out_run, dispatch_due_runs, poll_open_valves


def make_run(zone, minutes_ago=30, **kwargs):
    defaults = dict(zone=zone, scheduled_start=timezone.now() - timedelta(minutes=minutes_ago),
                    duration_minutes=20, planned_liters=12000)
    defaults.update(kwargs)
    return IrrigationRun.objects.create(**defaults)


def test_dispatch_opens_due_valves_and_records_the_meter(zones, allocation, gateway):
    gateway.totalizers["VLV-0001"] = 1_200_000
    due = make_run(zones[0])
    later = make_run(zones[1], minutes_ago=-60)

    assert dispatch_due_runs.apply().get() == 1

    due.refresh_from_db()
    assert due.status == IrrigationRun.Status.RUNNING
    assert due.meter_start_liters == 1_200_000
    assert gateway.open_valves == {"VLV-0001": 20}
    assert IrrigationRun.objects.get(pk=later.pk).status == IrrigationRun.Status.PLANNED


def test_close_out_books_delivered_water(zones, allocation, gateway):
    run = make_run(zones[0], status=IrrigationRun.Status.RUNNING, started_at=timezone.now(),
                   meter_start_liters=1_000)
    gateway.totalizers["VLV-0001"] = 13_500

    assert close_out_run.apply(args=[run.pk]).get() == 12_500

    run.refresh_from_db()
    allocation.refresh_from_db()
    assert run.status == IrrigationRun.Status.DONE
    assert allocation.remaining_liters == 5_000_000 - 12_500
    assert Valve.objects.get(serial="VLV-0001").cycle_count == 1


def test_runs_closed_one_after_another_add_up(zones, allocation, gateway):
    for i, zone in enumerate(zones):
        run = make_run(zone, status=IrrigationRun.Status.RUNNING, started_at=timezone.now(), meter_start_liters=0)
        gateway.totalizers[zone.valve.serial] = 10_000 * (i + 1)
        close_out_run.apply(args=[run.pk])
    allocation.refresh_from_db()
    assert allocation.used_liters == 60_000


def test_poll_hands_closed_valves_to_close_out(zones, allocation, gateway):
    open_run = make_run(zones[0], status=IrrigationRun.Status.RUNNING, started_at=timezone.now(), meter_start_liters=0)
    closed_run = make_run(zones[1], status=IrrigationRun.Status.RUNNING, started_at=timezone.now(),
                          meter_start_liters=0)
    gateway.open_valves["VLV-0001"] = 20
    gateway.totalizers["VLV-0002"] = 8_000

    assert poll_open_valves.apply().get() == 1
    assert IrrigationRun.objects.get(pk=closed_run.pk).status == IrrigationRun.Status.DONE
    assert IrrigationRun.objects.get(pk=open_run.pk).status == IrrigationRun.Status.RUNNING


def test_low_allocation_warns_once(zones, allocation, gateway):
    SeasonAllocation.objects.filter(pk=allocation.pk).update(remaining_liters=260_000)
    for zone in zones[:2]:
        run = make_run(zone, status=IrrigationRun.Status.RUNNING, started_at=timezone.now(), meter_start_liters=0)
        gateway.totalizers[zone.valve.serial] = 20_000
        close_out_run.apply(args=[run.pk])
    assert AllocationAlert.objects.count() == 1
    assert len(mail.outbox) == 1
    assert "Oak Creek Orchards" in mail.outbox[0].subject


def test_transfer_between_members(farm, allocation):
    from farms.models import Farm
    other_farm = Farm.objects.create(name="Dry Gulch", member_number="M-0007", manager_email="x@example.org")
    other = SeasonAllocation.objects.create(farm=other_farm, season_start=allocation.season_start,
                                            season_end=allocation.season_end, allocated_liters=100,
                                            remaining_liters=100)
    allocation.transfer_to(other, 400_000)
    assert allocation.remaining_liters == 4_600_000
    assert other.remaining_liters == 400_100
    with pytest.raises(ValueError):
        other.transfer_to(allocation, 10_000_000)


def test_recompute_allocation_reports_difference(zones, allocation, capsys):
    make_run(zones[0], status=IrrigationRun.Status.DONE, started_at=timezone.now(), delivered_liters=30_000)
    call_command("recompute_allocation", "M-0142", "--apply")
    allocation.refresh_from_db()
    assert allocation.remaining_liters == 4_970_000
    assert "difference 30000 l" in capsys.readouterr().out
