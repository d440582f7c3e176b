"""RQ jobs of the crews app.

Every job takes primary keys only and loads what it needs itself. We run
several workers (``manage.py run_crew_worker``), so any two jobs may run at
the same time.
"""
import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Technician, Timesheet, WorkOrder
from .rules import check_timesheet

logger = logging.getLogger(__name__)


def apply_timesheet(timesheet_id):
    """Validate a submitted timesheet and book its hours."""
    ts = (
        Timesheet.objects
        .select_related("technician", "technician__home_site", "work_order", "work_order__turbine__site")
        .get(pk=timesheet_id)
    )
    if ts.status != Timesheet.Status.SUBMITTED:
        logger.info("timesheet %s already %s, nothing to do", ts.pk, ts.status)
        return ts.status

    problems = check_timesheet(ts)
    if problems:
        ts.reject("; ".join(problems))
        logger.info("timesheet %s rejected: %s", ts.pk, ts.reject_reason)
        return ts.status

    with transaction.atomic():
        regular, overtime = ts.technician.book_hours(ts.hours)
        if ts.work_order_id and ts.kind != Timesheet.Kind.STANDBY:
            WorkOrder.objects.filter(pk=ts.work_order_id).update(labour_hours=F("labour_hours") + ts.hours)
            WorkOrder.objects.filter(pk=ts.work_order_id, status=WorkOrder.Status.OPEN).update(
                status=WorkOrder.Status.IN_PROGRESS
            )
        ts.mark_applied(regular, overtime)
    logger.info("timesheet %s applied: %s regular, %s overtime", ts.pk, regular, overtime)
    return ts.status


def post_standby_allowance(work_date_iso=None):
    """Nightly: book the standby allowance for every technician on call."""
    work_date = (timezone.localdate() - timedelta(days=1)) if work_date_iso is None else \
        timezone.datetime.fromisoformat(work_date_iso).date()
    hours = Decimal(settings.CREW_STANDBY_HOURS_PER_NIGHT)
    created = 0
    for tech in Technician.objects.filter(on_call=True):
        ts, was_created = Timesheet.objects.get_or_create(
            technician=tech, client_ref=f"standby-{work_date.isoformat()}",
            defaults={"work_date": work_date, "hours": hours, "kind": Timesheet.Kind.STANDBY},
        )
        if was_created:
            apply_timesheet(ts.pk)
            created += 1
    return created


def close_work_order(work_order_id, closed_by=""):
    """Close a finished work order; a service work order also resets the turbine's service counter."""
    with transaction.atomic():
        wo = WorkOrder.objects.select_for_update().select_related("turbine").get(pk=work_order_id)
        if wo.status == WorkOrder.Status.CLOSED:
            return False
        pending = wo.timesheets.filter(status=Timesheet.Status.SUBMITTED).exists()
        if pending:
            logger.info("work order %s still has unapplied timesheets, closing postponed", wo.number)
            return False
        wo.status = WorkOrder.Status.CLOSED
        wo.closed_at = timezone.now()
        wo.save(update_fields=["status", "closed_at"])
        if wo.is_service:
            wo.turbine.mark_serviced(wo.closed_at)
    logger.info("work order %s closed by %s", wo.number, closed_by or "system")
    return True
