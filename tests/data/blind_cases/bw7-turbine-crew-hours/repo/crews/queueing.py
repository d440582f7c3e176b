"""Thin wrapper around RQ so the rest of the code does not care about Redis."""
from django.conf import settings
from redis import Redis
from rq import Queue


def redis_connection():
    return Redis.from_url(settings.RQ_REDIS_URL)


def get_queue(name="default"):
    return Queue(name, connection=redis_connection(), default_timeout=settings.RQ_DEFAULT_TIMEOUT)


def enqueue(func, *args, queue="default", **kwargs):
    """Enqueue ``func(*args, **kwargs)``; run it inline when RQ_RUN_SYNC is set."""
    if settings.RQ_RUN_SYNC:
        return func(*args, **kwargs)
    return get_queue(queue).enqueue(func, *args, **kwargs)
