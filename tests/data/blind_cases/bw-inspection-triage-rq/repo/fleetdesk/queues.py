"""RQ queues.

Production: real ``rq.Queue`` objects on the Redis at ``RQ_REDIS_URL``.
Tests / local development: ``InlineQueue`` runs the job in-process at enqueue
time (like ``Queue(is_async=False)``, but without needing a Redis server).
"""
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from redis import Redis

logger = logging.getLogger(__name__)


def get_redis_connection():
    return Redis.from_url(settings.RQ_REDIS_URL)


def get_queue(name="default"):
    queue_class = import_string(settings.RQ_QUEUE_CLASS)
    return queue_class(name, connection=get_redis_connection(), default_timeout=settings.RQ_DEFAULT_TIMEOUT)


@dataclass
class InlineJob:
    func_name: str
    args: tuple
    kwargs: dict
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    result: Any = None
    exc_info: str = ""

    def get_status(self):
        return "failed" if self.exc_info else "finished"


class InlineQueue:
    def __init__(self, name="default", connection=None, default_timeout=None, **kwargs):
        self.name = name

    def enqueue(self, f, *args, **kwargs):
        for option in ("job_timeout", "result_ttl", "failure_ttl", "job_id", "description", "at_front"):
            kwargs.pop(option, None)
        job = InlineJob(func_name=getattr(f, "__qualname__", str(f)), args=args, kwargs=kwargs)
        job.result = f(*args, **kwargs)
        return job
