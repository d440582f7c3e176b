"""Cross-process locks for the scheduled jobs.

The scheduler runs on two hosts (active/standby) and APScheduler's
``max_instances`` only protects one process, so jobs that must not overlap
take a lock in the shared cache (Redis in production).
"""
import logging
import os
import socket
from contextlib import contextmanager

from django.core.cache import cache

log = logging.getLogger(__name__)

LOCK_PREFIX = "riverwatch:lock:"


def lock_owner():
    return f"{socket.gethostname()}:{os.getpid()}"


@contextmanager
def cache_lock(name):
    """Yield True if the lock ``name`` was acquired, False if another run holds it.

        with cache_lock("sync-readings") as acquired:
            if not acquired:
                return
            ...

    ``cache.add`` is atomic (SET NX on Redis), so only one process gets the key.
    The key is not given a timeout: a backfill after an outage can take longer
    than any fixed value, and an expiring lock would let a second run start
    while the first is still writing. The key is deleted when the run is over.
    """
    key = LOCK_PREFIX + name
    acquired = cache.add(key, lock_owner(), timeout=None)
    if not acquired:
        log.info("lock %s held by %s", name, cache.get(key))
        yield False
        return
    yield True
    cache.delete(key)


def lock_holder(name):
    """Who holds the lock (for the status page), or None."""
    return cache.get(LOCK_PREFIX + name)
