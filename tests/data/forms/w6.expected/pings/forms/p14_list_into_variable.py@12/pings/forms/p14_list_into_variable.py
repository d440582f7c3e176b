import logging

from celery import shared_task

from pings.selectors import pings_with_body

logger = logging.getLogger(__name__)


@shared_task
def archive_bodies(cutoff):
    pings = pings_with_body(cutoff)
    if not pings.exists():
        return 0
    logger.info("archiving %d ping bodies", pings.count())
    archived = 0
    for ping in pings.iterator(chunk_size=2000):
        ping.body = ""
        ping.save(update_fields=["body"])
        archived += 1
    return archived
