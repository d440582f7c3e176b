"""Mirror show artwork to our storage so the apps do not hot-link feed hosts."""
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings

from catalog.models import Podcast

from .http import FeedHTTPError, get_client

logger = logging.getLogger(__name__)

IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


def _download(url):
    """Pool thread: HTTP only, no database access."""
    try:
        result = get_client().fetch(url)
    except FeedHTTPError as exc:
        return url, None, str(exc)
    content_type = result.content_type.split(";")[0].strip().lower()
    if content_type not in IMAGE_TYPES:
        return url, None, f"not an image: {content_type or 'no content type'}"
    return url, (result.body, IMAGE_TYPES[content_type]), ""


def mirror_artwork(podcasts, max_workers=4):
    """Download the artwork of ``podcasts`` in parallel, then save paths from the calling thread."""
    by_url = {}
    for podcast in podcasts:
        if podcast.image_url:
            by_url.setdefault(podcast.image_url, []).append(podcast)
    if not by_url:
        return 0
    root = Path(settings.ARTWORK_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    saved = 0
    with ThreadPoolExecutor(max_workers=min(max_workers, len(by_url)), thread_name_prefix="artwork") as pool:
        downloads = list(pool.map(_download, by_url))
    for url, payload, error in downloads:
        if payload is None:
            logger.warning("artwork %s: %s", url, error)
            continue
        body, suffix = payload
        name = hashlib.sha1(url.encode()).hexdigest() + suffix
        (root / name).write_bytes(body)
        for podcast in by_url[url]:
            Podcast.objects.filter(pk=podcast.pk).update(artwork_path=f"artwork/{name}")
            saved += 1
    return saved
