import logging
from datetime import timedelta

from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import MaintenanceTicket, Turbine

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=48)


@shared_task
def open_fault_ticket(turbine_id, alarm_code, description=""):
    """Open a ticket for a turbine alarm, or bump the open one for the same alarm."""
    try:
        turbine = Turbine.objects.get(turbine_id=turbine_id)
    except Turbine.DoesNotExist:
        logger.warning("alarm %s for unknown turbine %s ignored", alarm_code, turbine_id)
        return None
    now = timezone.now()
    updated = MaintenanceTicket.objects.filter(
        turbine=turbine, alarm_code=alarm_code, status=MaintenanceTicket.Status.OPEN
    ).update(last_alarm_at=now)
    if updated:
        return "bumped"
    try:
        with transaction.atomic():
            MaintenanceTicket.objects.create(turbine=turbine, alarm_code=alarm_code, description=description[:255],
                                             opened_at=now, last_alarm_at=now)
    except IntegrityError:
        # a concurrent webhook call opened it first
        return "bumped"
    return "opened"


@shared_task
def close_stale_tickets():
    """Close open tickets whose alarm has not fired again for two days (auto-reset faults)."""
    cutoff = timezone.now() - STALE_AFTER
    closed = MaintenanceTicket.objects.filter(
        status=MaintenanceTicket.Status.OPEN, last_alarm_at__lt=cutoff
    ).update(status=MaintenanceTicket.Status.CLOSED, closed_at=timezone.now())
    logger.info("closed %d stale tickets", closed)
    return closed
