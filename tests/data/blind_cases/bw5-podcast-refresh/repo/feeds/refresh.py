"""Fetching feeds and storing new episodes.

``refresh_podcast`` does one feed in the calling thread; ``refresh_many`` fans a batch of feeds out over a
small thread pool (feed servers are slow, most of the time is spent waiting on HTTP).
"""
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Episode, Podcast

from .http import FeedHTTPError, get_client
from .models import FeedFetch
from .parser import FeedParseError, parse_feed

logger = logging.getLogger(__name__)


@dataclass
class RefreshOutcome:
    podcast_id: int
    outcome: str
    new_episodes: int = 0
    error: str = ""


def store_episodes(podcast, episodes):
    """Insert the episodes we do not have yet (by guid); returns how many were new."""
    known = set(podcast.episodes.values_list("guid", flat=True))
    new = 0
    for parsed in episodes:
        if parsed.guid in known:
            continue
        published = parsed.published_at
        if published is not None and timezone.is_naive(published):
            published = timezone.make_aware(published, dt_timezone.utc)
        try:
            with transaction.atomic():
                Episode.objects.create(
                    podcast=podcast, guid=parsed.guid[:500], title=parsed.title[:500],
                    description=parsed.description, audio_url=parsed.audio_url[:1000],
                    audio_type=parsed.audio_type[:50], audio_length=parsed.audio_length,
                    duration_seconds=parsed.duration_seconds, published_at=published,
                )
        except IntegrityError:
            continue  # same guid twice in one feed
        known.add(parsed.guid)
        new += 1
    return new


def _update_metadata(podcast, feed):
    changed = []
    for attr in ("title", "author", "description", "language", "image_url", "explicit"):
        value = getattr(feed, attr)
        if value != "" and getattr(podcast, attr) != value:
            setattr(podcast, attr, value)
            changed.append(attr)
    if changed:
        podcast.save(update_fields=changed)


def refresh_podcast(podcast_id, client=None):
    """Fetch one feed (conditional GET), store new episodes, record the attempt."""
    client = client or get_client()
    podcast = Podcast.objects.get(pk=podcast_id)
    started = timezone.now()
    clock = time.monotonic()

    def log_fetch(outcome, status=None, new=0, error=""):
        FeedFetch.objects.create(podcast=podcast, started_at=started, outcome=outcome, http_status=status,
                                 new_episodes=new, error=error,
                                 duration_ms=int((time.monotonic() - clock) * 1000))

    try:
        result = client.fetch(podcast.feed_url, etag=podcast.etag, last_modified=podcast.last_modified)
        if result.status == 304:
            podcast.record_success(etag=result.etag, last_modified=result.last_modified)
            log_fetch(FeedFetch.Outcome.NOT_MODIFIED, status=304)
            return RefreshOutcome(podcast.pk, FeedFetch.Outcome.NOT_MODIFIED)
        feed = parse_feed(result.body)
    except (FeedHTTPError, FeedParseError) as exc:
        podcast.record_failure(str(exc))
        log_fetch(FeedFetch.Outcome.ERROR, status=getattr(exc, "status", None), error=str(exc))
        return RefreshOutcome(podcast.pk, FeedFetch.Outcome.ERROR, error=str(exc))

    with transaction.atomic():
        new = store_episodes(podcast, feed.episodes)
        _update_metadata(podcast, feed)
        podcast.record_success(etag=result.etag, last_modified=result.last_modified)
    log_fetch(FeedFetch.Outcome.UPDATED, status=result.status, new=new)
    if new:
        logger.info("podcast %s: %d new episodes", podcast.pk, new)
    return RefreshOutcome(podcast.pk, FeedFetch.Outcome.UPDATED, new_episodes=new)


def _refresh_in_thread(podcast_id):
    """Runs in a pool thread: one broken feed must not stop the others."""
    try:
        return refresh_podcast(podcast_id)
    except Podcast.DoesNotExist:
        return RefreshOutcome(podcast_id, "missing")
    except Exception as exc:  # noqa: BLE001
        logger.exception("refreshing podcast %s failed", podcast_id)
        podcast = Podcast.objects.filter(pk=podcast_id).first()
        if podcast is not None:
            podcast.record_failure(f"unexpected error: {exc!r}")
        return RefreshOutcome(podcast_id, FeedFetch.Outcome.ERROR, error=repr(exc))


def refresh_many(podcast_ids, max_workers=None):
    """Refresh several feeds in parallel; returns counts per outcome and the number of new episodes."""
    podcast_ids = list(podcast_ids)
    summary = {"updated": 0, "not_modified": 0, "error": 0, "missing": 0, "new_episodes": 0}
    if not podcast_ids:
        return summary
    workers = min(max_workers or settings.FEEDS_REFRESH_CONCURRENCY, len(podcast_ids))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feed-refresh") as pool:
        for outcome in pool.map(_refresh_in_thread, podcast_ids):
            summary[outcome.outcome] += 1
            summary["new_episodes"] += outcome.new_episodes
    return summary
