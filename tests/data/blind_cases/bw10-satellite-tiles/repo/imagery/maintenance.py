"""Maintenance jobs; scheduled in ``orbitgrid.scheduler``."""
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from orbitgrid import queues

from .models import ProcessingRun, Scene, Tile

logger = logging.getLogger(__name__)


def expire_stuck_runs(now=None):
    """Runs whose worker died never finish; mark them so the scene can be retried."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.IMAGERY_STUCK_RUN_MINUTES)
    stuck = ProcessingRun.objects.filter(status=ProcessingRun.Status.RUNNING, started_at__lt=cutoff)
    scene_ids = list(stuck.values_list("scene_id", flat=True))
    expired = stuck.update(status=ProcessingRun.Status.EXPIRED, finished_at=now)
    Scene.objects.filter(pk__in=scene_ids, status=Scene.Status.PROCESSING).update(status=Scene.Status.FAILED)
    if expired:
        logger.warning("expired %s stuck processing runs", expired)
    return expired


def requeue_failed_scenes():
    from .jobs import process_scene

    scenes = Scene.objects.filter(
        status=Scene.Status.FAILED,
        attempts__lt=settings.IMAGERY_MAX_ATTEMPTS,
        superseded_by__isnull=True,
    ).order_by("acquired_at")
    count = 0
    for scene in scenes:
        queues.enqueue(process_scene, scene.pk, queue_name=queues.TILES)
        count += 1
    if count:
        logger.info("requeued %s failed scenes", count)
    return count


def purge_superseded_tiles(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.IMAGERY_KEEP_SUPERSEDED_DAYS)
    deleted, _ = Tile.objects.filter(scene__superseded_by__isnull=False, scene__acquired_at__lt=cutoff).delete()
    if deleted:
        logger.info("purged %s tiles of superseded scenes", deleted)
    return deleted
