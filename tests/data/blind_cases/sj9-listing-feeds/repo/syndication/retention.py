"""Housekeeping for old feed runs and old published feed files."""
import logging
from pathlib import Path

from django.conf import settings

from .models import FeedRun

logger = logging.getLogger(__name__)


def prune_runs(cutoff, dry_run=False):
    """Delete finished runs that started before ``cutoff``. Running rows are left to the exporter."""
    old = FeedRun.objects.filter(started_at__lt=cutoff).exclude(status=FeedRun.Status.RUNNING)
    if dry_run:
        return old.count()
    deleted, _ = old.delete()
    return deleted


def prune_published_files(cutoff, dry_run=False):
    """Remove published feed files older than ``cutoff``; ``latest.*`` always stays."""
    root = Path(settings.FEEDS_PUBLISH_ROOT)
    if not root.is_dir():
        return []
    removed = []
    for portal_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(portal_dir.glob("*.gz")):
            if path.name.startswith("latest."):
                continue
            if path.stat().st_mtime < cutoff.timestamp():
                if not dry_run:
                    path.unlink(missing_ok=True)
                removed.append(path)
    if removed:
        logger.info("removed %d published feed file(s) older than %s", len(removed), cutoff)
    return removed
