"""Bookkeeping for background jobs.

Every task decorated with ``@tracked(...)`` gets a JobRun row per execution, so
the ops team can follow an event on the dashboard without digging through
worker logs. A job that fails is recorded with its error and logged; it does
not crash the worker or page anyone in the middle of a broadcast.

Use it *under* the Celery decorator::

    @shared_task(bind=True)
    @tracked("sync-match-result")
    def sync_match_result(self, match_id): ...
"""
import functools
import logging

from celery import Task, states

from .models import JobRun

logger = logging.getLogger(__name__)


def _describe(args, kwargs):
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return ", ".join(parts)[:200]


def tracked(name):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            task = args[0] if args and isinstance(args[0], Task) else None
            call_args = args[1:] if task is not None else args
            run = JobRun.objects.create(
                name=name,
                task_id=(task.request.id or "") if task is not None else "",
                arguments=_describe(call_args, kwargs),
            )
            try:
                result = func(*args, **kwargs)
            except Exception as exc:
                logger.exception("job %s(%s) failed", name, run.arguments)
                run.finish(states.FAILURE, error=f"{exc.__class__.__name__}: {exc}")
                return None
            run.finish(states.SUCCESS, result=repr(result))
            return result

        return wrapper

    return decorator
