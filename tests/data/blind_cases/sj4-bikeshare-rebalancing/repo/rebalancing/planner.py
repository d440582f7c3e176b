"""Turning station status into van tasks."""
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from stations.feed import latest_statuses
from stations.models import Station

from .models import RebalanceTask
from .peaks import demand_weight
from .targets import StationTargets

logger = logging.getLogger(__name__)

TASK_TTL = timedelta(minutes=90)


def plan_rebalancing(now=None):
    """Create a drop-off task for every station below its target band and a pick-up task for every station
    above it, unless the station already has an active task. Returns the tasks created."""
    now = now or timezone.now()
    targets = StationTargets(now)
    statuses = latest_statuses(now - timedelta(minutes=settings.STATUS_MAX_AGE_MINUTES))
    busy = set(RebalanceTask.objects.filter(status__in=RebalanceTask.ACTIVE).values_list("station_id", flat=True))
    weight = demand_weight(now)
    created, skipped = [], []
    for station in Station.objects.filter(active=True):
        target = targets.for_station(station.pk)
        if target is None:
            skipped.append(station.code)
            continue
        status = statuses.get(station.pk)
        if status is None or not status.is_renting or station.pk in busy:
            continue
        bikes = status.bikes_available
        if bikes < target.min_bikes:
            kind, count = RebalanceTask.Kind.DROP_OFF, target.fill_to - bikes
        elif bikes > target.max_bikes:
            kind, count = RebalanceTask.Kind.PICK_UP, bikes - target.fill_to
        else:
            continue
        created.append(RebalanceTask(
            station=station, kind=kind, bikes=count, created_at=now, expires_at=now + TASK_TTL,
            priority=round(weight * count / max(station.capacity, 1), 3),
        ))
    RebalanceTask.objects.bulk_create(created)
    if skipped:
        logger.warning("no target for station(s) %s, skipped", ", ".join(skipped))
    logger.info("plan_rebalancing: %d tasks created (%d stations with targets)", len(created), len(targets))
    return created
