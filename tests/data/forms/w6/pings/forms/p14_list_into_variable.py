import logging

from celery import shared_task

from pings.selectors import pings_with_body

logger = logging.getLogger(__name__)


@shared_task
def archive_bodies(cutoff):
    pings = list(pings_with_body(cutoff))
    if not pings:
        return 0
    logger.info("archiving %d ping bodies", len(pings))
    archived = 0
    for ping in pings:
        ping.body = ""
        ping.save(update_fields=["body"])
        archived += 1
    return archived
