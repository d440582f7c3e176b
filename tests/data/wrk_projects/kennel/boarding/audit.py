"""Every task run leaves a TaskRun row for the front desk's "background jobs" page."""
import functools
import logging

from .models import TaskRun

logger = logging.getLogger(__name__)


def audited(func):
    """Record the run; a failing task is logged and recorded instead of crashing the worker."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        run = TaskRun.objects.create(name=func.__name__)
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            logger.exception("task %s failed", func.__name__)
            run.ok = False
            run.error = repr(exc)
            run.save(update_fields=["ok", "error"])
            return None

    return wrapper
