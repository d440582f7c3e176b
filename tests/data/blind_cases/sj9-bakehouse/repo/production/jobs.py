"""The scheduled jobs (see scheduler.py). Each takes ``now`` so it can be re-run for a given time."""
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from . import manifests
from .models import ProductionSheet
from .planning import SheetLocked, build_sheet

logger = logging.getLogger(__name__)


def build_tomorrows_sheet(now=None):
    """20:30: tomorrow's sheet, so the night shift can start mixing at 23:00."""
    now = now or timezone.now()
    day = timezone.localdate(now) + timedelta(days=1)
    try:
        return build_sheet(day, now=now)
    except SheetLocked as exc:
        # somebody locked it by hand for an early round; leave it alone
        logger.warning("%s", exc)
        return None


def send_route_manifests(now=None):
    """04:15: lock today's sheet and send each driver the drops for their round."""
    now = now or timezone.now()
    return manifests.lock_and_send(timezone.localdate(now), now=now)


def purge_old_sheets(now=None):
    now = now or timezone.now()
    cutoff = timezone.localdate(now) - timedelta(days=settings.BAKERY["KEEP_SHEETS_DAYS"])
    deleted, _ = ProductionSheet.objects.filter(day__lt=cutoff).delete()
    if deleted:
        logger.info("purged sheets before %s (%d rows)", cutoff, deleted)
    return deleted


JOBS = {
    "production-sheet": build_tomorrows_sheet,
    "route-manifests": send_route_manifests,
    "purge-old-sheets": purge_old_sheets,
}
