"""RQ wiring.

We use plain rq rather than django-rq: the web app only needs to enqueue by
dotted path, and the workers are started with ``manage.py run_worker`` so that
Django is set up before the first job is unpickled.
"""
from __future__ import annotations

import logging

from django.conf import settings
from redis import Redis
from rq import Queue

logger = logging.getLogger(__name__)

_connection: Redis | None = None
_queues: dict[str, Queue] = {}


def get_connection() -> Redis:
    global _connection
    if _connection is None:
        _connection = Redis.from_url(settings.RQ_REDIS_URL)
    return _connection


def get_queue(name: str) -> Queue:
    if name not in settings.RQ_QUEUES:
        raise ValueError(f"unknown queue {name!r}, expected one of {settings.RQ_QUEUES}")
    queue = _queues.get(name)
    if queue is None:
        queue = _queues[name] = Queue(
            name,
            connection=get_connection(),
            default_timeout=settings.RQ_DEFAULT_TIMEOUT,
        )
    return queue


def enqueue(queue_name: str, func_path: str, *args, **kwargs):
    """Enqueue ``func_path`` (a dotted path, so the web process never imports job code)."""
    job = get_queue(queue_name).enqueue(func_path, *args, **kwargs)
    logger.info("enqueued %s%r on %s as %s", func_path, args, queue_name, job.id)
    return job
