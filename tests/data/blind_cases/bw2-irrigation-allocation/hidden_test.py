"""Acceptance tests: water delivered by runs that are closed out at the same
time (several close_out_run tasks on different workers) must all be booked on
the farm's allocation.

The gateway stand-in below simulates two workers: while one close-out task is
waiting for its valve's meter reading, the close-out of another run of the same
farm completes.
"""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from farms.models import Farm, SeasonAllocation, Valve, Zone
from irrigation.models import AllocationAlert, IrrigationRun
from irrigation.tasks import close_out_run


class InterleavingGateway:
    """Meter readings per valve; reading ``slow_serial`` first lets other close-outs run to completion."""

    totalizers = {}
    slow_serial = None
    meanwhile = []
    reads = []

    def read_totalizer(self, serial):
        InterleavingGateway.reads.append(serial)
        if serial == InterleavingGateway.slow_serial and InterleavingGateway.meanwhile:
            pending, InterleavingGateway.meanwhile = InterleavingGateway.meanwhile, []
            for run_id in pending:
                close_out_run.apply(args=[run_id], throw=True)
        return InterleavingGateway.totalizers[serial]

    def valve_status(self, serial):
        return {"open": False, "totalizer_liters": self.read_totalizer(serial)}

    def open_valve(self, serial, minutes):
        pass


@pytest.fixture
def gateway(settings):
    InterleavingGateway.totalizers = {}
    InterleavingGateway.slow_serial = None
    InterleavingGateway.meanwhile = []
    InterleavingGateway.reads = []
    settings.IRRIGATION_GATEWAY = f"{__name__}.InterleavingGateway"
    return InterleavingGateway


@pytest.fixture
def farm(db):
    return Farm.objects.create(name="Willow Bend Vineyard", member_number="M-0310",
                               manager_email="water@willowbend.example", system_efficiency=Decimal("0.88"))


def make_allocation(farm, remaining, reserve=0):
    today = timezone.localdate()
    return SeasonAllocation.objects.create(
        farm=farm, season_start=today - timedelta(days=30), season_end=today + timedelta(days=90),
        allocated_liters=remaining, remaining_liters=remaining, reserve_liters=reserve,
    )


def running_run(farm, n, meter_start, meter_end, gateway):
    valve = Valve.objects.create(serial=f"WB-{n:03d}", flow_rate_lpm=450, is_open=True)
    zone = Zone.objects.create(farm=farm, name=f"Block {n}", crop="grapes", area_m2=8000, valve=valve)
    gateway.totalizers[valve.serial] = meter_end
    return IrrigationRun.objects.create(
        zone=zone, scheduled_start=timezone.now() - timedelta(minutes=40), duration_minutes=30,
        planned_liters=meter_end - meter_start, status=IrrigationRun.Status.RUNNING,
        started_at=timezone.now() - timedelta(minutes=40), meter_start_liters=meter_start,
    )


def remaining(allocation):
    return SeasonAllocation.objects.get(pk=allocation.pk).remaining_liters


def test_two_runs_closed_out_at_the_same_time_are_both_booked(farm, gateway):
    allocation = make_allocation(farm, 2_000_000)
    first = running_run(farm, 1, meter_start=5_000, meter_end=45_000, gateway=gateway)     # 40,000 l
    second = running_run(farm, 2, meter_start=12_000, meter_end=37_000, gateway=gateway)   # 25,000 l
    gateway.slow_serial = "WB-001"
    gateway.meanwhile = [second.pk]

    close_out_run.apply(args=[first.pk], throw=True)

    assert IrrigationRun.objects.filter(status=IrrigationRun.Status.DONE).count() == 2
    assert remaining(allocation) == 2_000_000 - 40_000 - 25_000


def test_many_simultaneous_close_outs_are_all_booked(farm, gateway):
    allocation = make_allocation(farm, 3_000_000)
    runs = [running_run(farm, n, meter_start=0, meter_end=10_000 * n, gateway=gateway) for n in range(1, 6)]
    gateway.slow_serial = "WB-001"
    gateway.meanwhile = [r.pk for r in runs[1:]]

    close_out_run.apply(args=[runs[0].pk], throw=True)

    delivered = sum(IrrigationRun.objects.values_list("delivered_liters", flat=True))
    assert delivered == 150_000
    assert remaining(allocation) == 3_000_000 - 150_000
    assert SeasonAllocation.objects.get(pk=allocation.pk).used_liters == delivered


def test_farm_is_warned_when_simultaneous_runs_cross_the_reserve(farm, gateway):
    allocation = make_allocation(farm, 50_000, reserve=10_000)
    first = running_run(farm, 1, meter_start=0, meter_end=30_000, gateway=gateway)
    second = running_run(farm, 2, meter_start=0, meter_end=25_000, gateway=gateway)
    gateway.slow_serial = "WB-001"
    gateway.meanwhile = [second.pk]

    close_out_run.apply(args=[first.pk], throw=True)

    assert remaining(allocation) == -5_000
    assert AllocationAlert.objects.filter(allocation=allocation).count() == 1
    assert [m.to for m in mail.outbox] == [["water@willowbend.example"]]


def test_single_close_out_still_books_and_counts_the_valve_cycle(farm, gateway):
    allocation = make_allocation(farm, 1_000_000)
    run = running_run(farm, 1, meter_start=100, meter_end=20_100, gateway=gateway)

    assert close_out_run.apply(args=[run.pk], throw=True).get() == 20_000

    assert remaining(allocation) == 980_000
    assert Valve.objects.get(serial="WB-001").cycle_count == 1
    assert not AllocationAlert.objects.exists()
