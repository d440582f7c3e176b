"""Helpers shared by the periodic jobs (see tidewater/schedule.py).

Jobs run in the `run_scheduler` process and can also be started by hand with
`manage.py run_job`, possibly on another host, so "only one at a time" has to
be enforced through the shared cache rather than by APScheduler's
max_instances (which only knows about its own process).
"""
import functools
import logging
import socket
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger("tidewater.jobs")

LOCK_PREFIX = "joblock:"


class LockHeld(Exception):
    pass


def _lock_value():
    return f"{socket.gethostname()}@{timezone.now().isoformat(timespec='seconds')}"


def single_instance(name):
    """Decorator: skip the run (return None) when another run of job `name` holds the lock."""
    key = LOCK_PREFIX + name

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if not cache.add(key, _lock_value(), timeout=None):
                logger.warning("job %s skipped: lock %s held by %s", name, key, cache.get(key))
                return None
            started = time.monotonic()
            result = func(*args, **kwargs)
            cache.delete(key)
            logger.info("job %s finished in %.1fs: %s", name, time.monotonic() - started, result)
            return result

        wrapper.lock_key = key
        return wrapper

    return decorator


@contextmanager
def cache_lock(name, ttl):
    """Context manager form, for code that locks only part of its work. Raises LockHeld."""
    key = LOCK_PREFIX + name
    if not cache.add(key, _lock_value(), timeout=ttl):
        raise LockHeld(f"{key} held by {cache.get(key)}")
    try:
        yield
    finally:
        cache.delete(key)


def log_result(name):
    """Decorator for jobs that need no lock (idempotent, cheap): just log timing and outcome."""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            started = time.monotonic()
            try:
                result = func(*args, **kwargs)
            except Exception:
                logger.exception("job %s failed after %.1fs", name, time.monotonic() - started)
                raise
            logger.info("job %s finished in %.1fs: %s", name, time.monotonic() - started, result)
            return result
        return wrapper
    return decorator
