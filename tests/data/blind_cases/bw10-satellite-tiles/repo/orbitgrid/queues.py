"""RQ plumbing shared by the apps.

Jobs are plain functions; ``enqueue`` sends them to Redis, or runs them right
away when ``RQ_RUN_INLINE`` is set (tests, local work without Redis).
"""
import logging
from functools import lru_cache

from django.conf import settings
from redis import Redis
from rq import Queue

logger = logging.getLogger(__name__)

TILES = "tiles"
DELIVERY = "delivery"
DEFAULT = "default"


@lru_cache(maxsize=None)
def get_redis():
    return Redis.from_url(settings.RQ_REDIS_URL)


def get_queue(name=DEFAULT):
    return Queue(name, connection=get_redis(), default_timeout=settings.RQ_DEFAULT_TIMEOUT)


def enqueue(func, *args, queue_name=DEFAULT, **kwargs):
    if settings.RQ_RUN_INLINE:
        logger.debug("running %s inline", func.__name__)
        return func(*args, **kwargs)
    job = get_queue(queue_name).enqueue(func, *args, **kwargs)
    logger.info("enqueued %s on %s as %s", func.__name__, queue_name, job.id)
    return job
