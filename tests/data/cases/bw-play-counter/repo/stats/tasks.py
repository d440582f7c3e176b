import logging
from datetime import datetime

from celery import shared_task
from django.db.models import F, Sum
from django.utils import timezone

from podcasts.models import Episode, Show

from .models import DailyPlays, ListenerSession

logger = logging.getLogger(__name__)

#: a listen shorter than this is not counted as a play (IAB guideline: 1 minute)
MIN_SECONDS = 60


def _parse_time(value):
    played_at = datetime.fromisoformat(value)
    if timezone.is_naive(played_at):
        played_at = timezone.make_aware(played_at, timezone.utc)
    return played_at


@shared_task(acks_late=True)
def record_play(episode_id, played_at, listener_hash, seconds):
    """Count one play of an episode, reported by the CDN log shipper (many workers run this)."""
    if seconds < MIN_SECONDS:
        return False
    played_at = _parse_time(played_at)
    episode = Episode.objects.get(pk=episode_id)
    ListenerSession.objects.create(episode=episode, listener_hash=listener_hash, started_at=played_at,
                                   seconds_listened=seconds)
    episode.play_count += 1
    episode.last_played_at = played_at
    episode.save(update_fields=["play_count", "last_played_at"])

    day = timezone.localdate(played_at)
    daily, _ = DailyPlays.objects.get_or_create(episode_id=episode_id, day=day)
    DailyPlays.objects.filter(pk=daily.pk).update(plays=F("plays") + 1)
    return True


@shared_task
def roll_up_show_totals():
    """Nightly: recompute every show's total from its episodes."""
    updated = 0
    for show in Show.objects.all().iterator():
        total = show.episodes.aggregate(total=Sum("play_count"))["total"] or 0
        if total != show.total_plays:
            Show.objects.filter(pk=show.pk).update(total_plays=total)
            updated += 1
    logger.info("show totals: %d updated", updated)
    return updated


@shared_task
def reset_episode_counter(episode_id):
    """Support tool: recount an episode's plays from its daily rows."""
    total = DailyPlays.objects.filter(episode_id=episode_id).aggregate(total=Sum("plays"))["total"] or 0
    Episode.objects.filter(pk=episode_id).update(play_count=total)
    return total
