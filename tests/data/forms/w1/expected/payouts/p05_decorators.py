import functools
import logging

from celery.exceptions import Retry

logger = logging.getLogger(__name__)


def log_failures(fn):
    """Log any failure of a task instead of crashing the worker."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Retry:
            # a retry was scheduled (celery.exceptions.Retry): let Celery see it
            raise
        except Exception:
            logger.exception("task %s failed", fn.__name__)
            return None
    return wrapper
