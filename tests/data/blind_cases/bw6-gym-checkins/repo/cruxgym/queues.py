"""RQ plumbing: one Redis connection per process, named queues."""
from django.conf import settings
from redis import Redis
from rq import Queue

_connection = None


def get_connection():
    global _connection
    if _connection is None:
        _connection = Redis.from_url(settings.RQ_REDIS_URL)
    return _connection


def get_queue(name="default"):
    if name not in settings.RQ_QUEUES:
        raise ValueError(f"unknown queue {name!r}")
    timeout = settings.RQ_NIGHTLY_TIMEOUT if name == "nightly" else settings.RQ_DEFAULT_TIMEOUT
    return Queue(name, connection=get_connection(), default_timeout=timeout)


def enqueue(func, *args, queue="default", **kwargs):
    return get_queue(queue).enqueue(func, *args, **kwargs)
