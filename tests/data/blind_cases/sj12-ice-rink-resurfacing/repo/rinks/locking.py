"""Small helpers to keep background jobs from running twice at the same time."""
import logging
from contextlib import contextmanager

from django.core.cache import cache

logger = logging.getLogger(__name__)

KEY_PREFIX = "joblock:"


@contextmanager
def exclusive(name, timeout=None):
    """Hold the job lock ``name`` for the duration of the ``with`` block.

    Yields True when this caller got the lock and should do the work, False
    when another run holds it; the caller decides what "skip" means::

        with exclusive("nightly-report") as acquired:
            if not acquired:
                return
            ...

    ``timeout`` (seconds) bounds how long the key may live in the cache;
    None keeps it for as long as the block runs.
    """
    key = KEY_PREFIX + name
    acquired = cache.add(key, "1", timeout)
    if not acquired:
        logger.debug("lock %s is held by another run", name)
    yield acquired
    if acquired:
        cache.delete(key)
