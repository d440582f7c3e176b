"""Evening jobs for the weighbridge (scheduled in depotline/scheduler.py)."""
import logging
from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from materials.locking import job_lock

from .models import DailyTonnage, Ticket

log = logging.getLogger(__name__)


def close_open_tickets(now=None):
    """Void tickets whose vehicle never came back for the tare weighing (open for more than 12 hours)."""
    now = now or timezone.now()
    with job_lock("close_open_tickets") as acquired:
        if not acquired:
            log.warning("close_open_tickets already running, skipping")
            return 0
        stale = Ticket.objects.filter(status=Ticket.Status.OPEN, opened_at__lt=now - timedelta(hours=12))
        count = stale.update(status=Ticket.Status.VOID, closed_at=now)
        log.info("voided %d ticket(s) left open", count)
        return count


def daily_tonnage_summary(day=None):
    """Net kilos per material for one local day (idempotent: rerunning overwrites the day's rows)."""
    day = day or timezone.localdate()
    rows = (
        Ticket.objects.filter(status__in=[Ticket.Status.WEIGHED, Ticket.Status.PAID], closed_at__date=day)
        .values("material")
        .annotate(tickets=Count("id"), gross=Sum("gross_kg"), tare=Sum("tare_kg"))
    )
    written = 0
    for row in rows:
        DailyTonnage.objects.update_or_create(
            day=day, material_id=row["material"],
            defaults={"net_kg": (row["gross"] or 0) - (row["tare"] or 0), "tickets": row["tickets"]},
        )
        written += 1
    return written
