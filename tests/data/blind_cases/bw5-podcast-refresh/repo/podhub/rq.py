"""Thin helpers around RQ so callers do not build queues themselves."""
from django.conf import settings
from redis import Redis
from rq import Queue


def get_connection():
    return Redis.from_url(settings.RQ_REDIS_URL)


def get_queue(name="default"):
    return Queue(name, connection=get_connection(), default_timeout=settings.RQ_DEFAULT_TIMEOUT)


def enqueue(queue_name, func, *args, **kwargs):
    """Queue ``func(*args, **kwargs)`` on ``queue_name``; with ``RQ_EAGER`` run it right away (tests, dev)."""
    if settings.RQ_EAGER:
        return func(*args, **kwargs)
    return get_queue(queue_name).enqueue(func, *args, **kwargs)
