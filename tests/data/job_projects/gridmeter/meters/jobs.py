"""Nightly jobs (scheduled in meters/scheduler.py)."""
import logging
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from . import grid
from .models import Meter, Reading

log = logging.getLogger(__name__)

PULL_LOCK = "meters:pull-readings"


def pull_readings():
    """Store yesterday's reading of every active meter; one pull at a time."""
    if not cache.add(PULL_LOCK, "running", timeout=None):
        log.warning("pull_readings is already running, skipping")
        return 0
    day = timezone.localdate() - timedelta(days=1)
    readings = grid.fetch_readings(day)
    stored = 0
    for meter in Meter.objects.filter(active=True, ean__in=list(readings)):
        Reading.objects.update_or_create(meter=meter, day=day, defaults={"kwh": readings[meter.ean]})
        stored += 1
    cache.delete(PULL_LOCK)
    return stored
