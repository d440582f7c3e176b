import functools
import logging

logger = logging.getLogger(__name__)


def log_failures(fn):
    """Log any failure of a task instead of crashing the worker."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception:
            logger.exception("task %s failed", fn.__name__)
            return None
    return wrapper
