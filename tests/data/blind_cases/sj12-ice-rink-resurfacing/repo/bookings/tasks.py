import logging
import os

from django.conf import settings
from django.core.cache import cache
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .feed import import_file

logger = logging.getLogger(__name__)

SYNC_LOCK = "joblock:booking-feed"
SYNC_LOCK_TIMEOUT = 15 * 60


@db_periodic_task(crontab(minute="*/10"))
def sync_booking_feed():
    """Pick up the booking office's latest export."""
    path = settings.BOOKING_FEED_PATH
    if not os.path.exists(path):
        logger.info("booking feed: no export at %s", path)
        return None
    if not cache.add(SYNC_LOCK, "1", SYNC_LOCK_TIMEOUT):
        logger.warning("booking feed: previous sync still running, skipping")
        return None
    try:
        result = import_file(path)
    finally:
        cache.delete(SYNC_LOCK)
    if result is None:
        logger.info("booking feed: export unchanged")
        return None
    logger.info("booking feed: %d created, %d updated, %d errors",
                result.created, result.updated, len(result.errors))
    return result.created + result.updated
