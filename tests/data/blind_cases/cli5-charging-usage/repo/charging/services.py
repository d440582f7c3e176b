import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ChargingSession
from .pricing import price_session

logger = logging.getLogger(__name__)


def close_stale_sessions(now=None, hours=None, dry_run=False):
    """Close sessions the backend never sent a StopTransaction for: no meter value for ``hours``.

    The session ends at its last meter value, so its energy and price stay what the charger reported.
    """
    now = now or timezone.now()
    hours = hours or settings.VOLTPARK["STALE_SESSION_HOURS"]
    stale = list(ChargingSession.objects.stale(now, hours).select_related("charger"))
    if dry_run:
        return stale
    for session in stale:
        with transaction.atomic():
            session.status = ChargingSession.Status.TIMED_OUT
            session.ended_at = session.last_meter_at
            price_session(session)
            session.save(update_fields=["status", "ended_at", "energy_amount", "idle_fee"])
        logger.info("closed stale session %s (last meter value %s)", session.transaction_id, session.last_meter_at)
    return stale


def recompute_costs(start, end):
    """Re-price completed sessions that ended on local days ``start``..``end`` (after a tariff correction)."""
    sessions = (
        ChargingSession.objects.completed()
        .filter(ended_at__date__gte=start, ended_at__date__lte=end)
        .select_related("charger")
    )
    changed = []
    for session in sessions:
        if price_session(session):
            session.save(update_fields=["energy_amount", "idle_fee"])
            changed.append(session)
    return changed
