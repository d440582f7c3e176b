import logging
from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from farms.models import SeasonAllocation, Valve

from .gateway import GatewayError, get_gateway
from .models import AllocationAlert, IrrigationRun

logger = logging.getLogger(__name__)


@shared_task
def dispatch_due_runs():
    """Open the valves of planned runs whose start time has come."""
    gateway = get_gateway()
    started = 0
    due = IrrigationRun.objects.filter(status=IrrigationRun.Status.PLANNED, scheduled_start__lte=timezone.now())
    for run in due.select_related("zone__valve"):
        # claim the run; another beat tick may be looking at it too
        claimed = IrrigationRun.objects.filter(pk=run.pk, status=IrrigationRun.Status.PLANNED).update(
            status=IrrigationRun.Status.RUNNING, started_at=timezone.now()
        )
        if not claimed:
            continue
        serial = run.zone.valve.serial
        try:
            meter_start = gateway.read_totalizer(serial)
            gateway.open_valve(serial, run.duration_minutes)
        except GatewayError as exc:
            run.refresh_from_db()
            run.fail(f"could not open valve: {exc}")
            continue
        IrrigationRun.objects.filter(pk=run.pk).update(meter_start_liters=meter_start)
        Valve.objects.filter(pk=run.zone.valve_id).update(is_open=True, last_seen_at=timezone.now())
        started += 1
    return started


@shared_task
def poll_open_valves():
    """Runs whose valve reports closed are handed to close_out_run."""
    gateway = get_gateway()
    queued = 0
    for run in IrrigationRun.objects.filter(status=IrrigationRun.Status.RUNNING).select_related("zone__valve"):
        try:
            status = gateway.valve_status(run.zone.valve.serial)
        except GatewayError:
            logger.warning("no answer from valve %s", run.zone.valve.serial)
            continue
        if not status["open"]:
            close_out_run.delay(run.pk)
            queued += 1
    return queued


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def close_out_run(self, run_id):
    """Read the valve's meter, close the run and book the water on the farm's allocation."""
    run = IrrigationRun.objects.select_related("zone__farm", "zone__valve").get(pk=run_id)
    if run.status != IrrigationRun.Status.RUNNING:
        logger.info("%s is %s, nothing to close", run, run.status)
        return None
    allocation = SeasonAllocation.objects.current_for(run.zone.farm, run.started_at)
    if allocation is None:
        run.fail("no allocation for the season")
        return None

    try:
        meter_end = get_gateway().read_totalizer(run.zone.valve.serial)
    except GatewayError as exc:
        raise self.retry(exc=exc)
    delivered = max(0, meter_end - (run.meter_start_liters or 0))

    allocation = run.finish(delivered, allocation)
    run.zone.valve.record_cycle()
    logger.info("%s delivered %d l, %s has %d l left", run, delivered, allocation.farm, allocation.remaining_liters)
    if allocation.is_low:
        warn_low_allocation.delay(allocation.pk)
    return delivered


@shared_task
def warn_low_allocation(allocation_id):
    """Tell the farm manager (once a day) that the allocation is at or below its reserve."""
    allocation = SeasonAllocation.objects.select_related("farm").get(pk=allocation_id)
    since = timezone.now() - timedelta(days=1)
    if allocation.alerts.filter(created_at__gte=since).exists():
        return None
    alert = AllocationAlert.objects.create(allocation=allocation, remaining_liters=allocation.remaining_liters)
    send_mail(
        subject=f"Water allocation low: {allocation.farm.name}",
        message=(
            f"{allocation.farm.name} has {allocation.remaining_liters:,} l of its {allocation.allocated_liters:,} l "
            f"season allocation left (reserve {allocation.reserve_liters:,} l). New runs need manual approval."
        ),
        from_email=None,
        recipient_list=[allocation.farm.manager_email],
    )
    return alert.pk
