import functools
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def single_run(name):
    """Skip the run when another run of job `name` holds the lock."""
    key = f"lock:{name}"

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if not cache.add(key, "1", timeout=None):
                logger.warning("job %s skipped: locked", name)
                return None
            result = func(*args, **kwargs)
            cache.delete(key)
            return result

        return wrapper

    return decorator


def single_run_safe(name):
    """Like single_run, but the lock is given back whatever the job does."""
    key = f"lock:{name}"

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if not cache.add(key, "1", timeout=3600):
                return None
            try:
                return func(*args, **kwargs)
            finally:
                cache.delete(key)

        return wrapper

    return decorator
