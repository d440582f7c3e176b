"""The resources one feed export holds while it runs.

* a ``FeedRun`` row in status "running": it is the run's history entry and the
  portal's lock at the same time (the hourly CronJob, a manual
  ``manage.py export_feeds`` and the admin's "Export now" must not build the
  same portal's feed at once);
* a private staging directory under ``FEEDS_STAGING_ROOT`` the feed file is
  written to before it is delivered.

``export_workspace`` hands both to the exporter and gives them back when the
export is over.
"""
import logging
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import FeedRun, Portal

logger = logging.getLogger(__name__)


class ExportInProgress(Exception):
    def __init__(self, run):
        super().__init__(f"{run.portal.code}: run {run.pk} in progress since {run.started_at.isoformat()}")
        self.run = run


@dataclass
class Workspace:
    run: FeedRun
    path: Path


def staging_root():
    root = Path(settings.FEEDS_STAGING_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


def claim_portal(portal, now):
    """Open a run for ``portal`` unless one is already going.

    A run that has been "running" for longer than FEED_RUN_STALE_AFTER belongs
    to a pod that died without a chance to clean up; it is closed as failed so
    the portal does not stay blocked for ever.
    """
    cutoff = now - settings.FEED_RUN_STALE_AFTER
    with transaction.atomic():
        Portal.objects.select_for_update().filter(pk=portal.pk).first()
        running = FeedRun.objects.filter(portal=portal, status=FeedRun.Status.RUNNING)
        live = running.filter(started_at__gt=cutoff).select_related("portal").first()
        if live is not None:
            raise ExportInProgress(live)
        abandoned = running.update(
            status=FeedRun.Status.FAILED, finished_at=now,
            error=f"abandoned: still running after {settings.FEED_RUN_STALE_AFTER}",
        )
        if abandoned:
            logger.warning("%s: closed %d abandoned run(s)", portal.code, abandoned)
        return FeedRun.objects.create(portal=portal, started_at=now)


@contextmanager
def export_workspace(portal, now=None):
    now = now or timezone.now()
    run = claim_portal(portal, now)
    path = Path(tempfile.mkdtemp(prefix=f"{portal.code}-{now:%Y%m%dT%H%M%S}-", dir=staging_root()))
    logger.info("%s: run %s started in %s", portal.code, run.pk, path)
    try:
        yield Workspace(run=run, path=path)
        run.status = FeedRun.Status.SUCCEEDED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at", "listing_count", "file_name"])
        logger.info("%s: run %s done, %d listings", portal.code, run.pk, run.listing_count)
    finally:
        shutil.rmtree(path, ignore_errors=True)
