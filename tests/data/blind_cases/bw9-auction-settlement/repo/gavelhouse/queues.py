"""Small helpers around RQ so that the rest of the code never builds Redis connections itself."""
from functools import lru_cache

from django.conf import settings
from redis import Redis
from rq import Queue


@lru_cache(maxsize=1)
def get_connection() -> Redis:
    return Redis.from_url(settings.RQ_REDIS_URL)


def get_queue(name: str) -> Queue:
    try:
        conf = settings.RQ_QUEUES[name]
    except KeyError:
        raise ValueError(f"unknown RQ queue {name!r}; known: {', '.join(sorted(settings.RQ_QUEUES))}") from None
    return Queue(name, connection=get_connection(), default_timeout=conf.get("timeout"))


def enqueue(queue_name: str, func, *args, job_id: str | None = None, **kwargs):
    """Queue ``func(*args, **kwargs)`` on ``queue_name``.

    With ``RQ_EAGER`` the call runs inline and its return value is returned instead of a job.
    """
    if settings.RQ_EAGER:
        return func(*args, **kwargs)
    return get_queue(queue_name).enqueue(func, args=args, kwargs=kwargs, job_id=job_id)
