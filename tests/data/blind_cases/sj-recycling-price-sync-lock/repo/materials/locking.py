import contextlib
import logging
import os
import socket

from django.core.cache import cache

log = logging.getLogger(__name__)


def lock_owner():
    return f"{socket.gethostname()}:{os.getpid()}"


@contextlib.contextmanager
def job_lock(name, timeout=3600):
    """Hold a cache lock for the duration of a job; yields False when another run holds it."""
    key = f"jobs:lock:{name}"
    acquired = cache.add(key, lock_owner(), timeout=timeout)
    try:
        yield acquired
    finally:
        if acquired:
            cache.delete(key)
