"""Check that episode audio files still exist (HEAD request per enclosure)."""
import logging
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.utils import timezone

from catalog.models import Episode

from .http import FeedHTTPError, get_client

logger = logging.getLogger(__name__)


def _check_one(episode_id):
    """Pool thread. It uses the ORM, so it gives its database connection back when done."""
    try:
        episode = Episode.objects.only("pk", "audio_url").get(pk=episode_id)
        try:
            status = get_client().head(episode.audio_url)
            ok = 200 <= status < 400
        except FeedHTTPError as exc:
            logger.info("episode %s: %s", episode_id, exc)
            ok = False
        Episode.objects.filter(pk=episode_id).update(enclosure_ok=ok, enclosure_checked_at=timezone.now())
        return ok
    finally:
        connection.close()


def check_enclosures(episode_ids, max_workers=8):
    episode_ids = list(episode_ids)
    if not episode_ids:
        return {"ok": 0, "broken": 0}
    with ThreadPoolExecutor(max_workers=min(max_workers, len(episode_ids)), thread_name_prefix="linkcheck") as pool:
        results = list(pool.map(_check_one, episode_ids))
    return {"ok": sum(results), "broken": len(results) - sum(results)}
