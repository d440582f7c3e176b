"""RQ jobs for the feeds queue (scheduled in podhub/rq_cron.py)."""
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from catalog.models import Episode, Podcast

from . import artwork, linkcheck
from .models import FeedFetch
from .refresh import refresh_many, refresh_podcast

logger = logging.getLogger(__name__)

FETCH_LOG_RETENTION = timedelta(days=30)


def refresh_due_feeds(limit=None):
    """Every 2 minutes: refresh the feeds whose next fetch time has come, oldest first."""
    limit = limit or settings.FEEDS_REFRESH_BATCH
    due = (
        Podcast.objects.due()
        .order_by("next_fetch_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    summary = refresh_many(list(due))
    logger.info("refresh_due_feeds: %s", summary)
    return summary


def refresh_feed(podcast_id):
    """On demand (admin action, "refresh now" API): one feed, right away."""
    outcome = refresh_podcast(podcast_id)
    return {"outcome": outcome.outcome, "new_episodes": outcome.new_episodes, "error": outcome.error}


def mirror_missing_artwork(limit=200):
    podcasts = list(Podcast.objects.filter(is_active=True, artwork_path="").exclude(image_url="")[:limit])
    return artwork.mirror_artwork(podcasts)


def check_enclosures(limit=2000):
    """Nightly: re-check enclosures never checked or not checked for a week."""
    week_ago = timezone.now() - timedelta(days=7)
    ids = (
        Episode.objects.filter(podcast__is_active=True)
        .filter(Q(enclosure_checked_at__isnull=True) | Q(enclosure_checked_at__lt=week_ago))
        .order_by("enclosure_checked_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return linkcheck.check_enclosures(list(ids))


def prune_fetch_log():
    deleted, _ = FeedFetch.objects.filter(started_at__lt=timezone.now() - FETCH_LOG_RETENTION).delete()
    return deleted
