"""A small registry of the practice's periodic jobs.

Jobs declare themselves with ``@register_job(name, every=timedelta(...))`` or
``@register_job(name, cron={"hour": 2, "minute": 15})``; ``manage.py run_scheduler`` hands them to APScheduler
and ``manage.py run_job NAME`` runs one by hand.
"""
import importlib
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Callable, Optional

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)


@dataclass
class RegisteredJob:
    name: str
    func: Callable
    every: Optional[timedelta] = None
    cron: dict = field(default_factory=dict)


_JOBS = {}


def register_job(name, every=None, cron=None):
    if (every is None) == (cron is None):
        raise ValueError(f"job {name}: give exactly one of every= or cron=")

    def decorator(func):
        if name in _JOBS and _JOBS[name].func is not func:
            raise ValueError(f"job {name} registered twice")
        _JOBS[name] = RegisteredJob(name=name, func=func, every=every, cron=dict(cron or {}))
        return func

    return decorator


def load_jobs():
    for module in settings.SCHEDULER_JOB_MODULES:
        importlib.import_module(module)
    return dict(_JOBS)


def get_job(name):
    jobs = load_jobs()
    try:
        return jobs[name]
    except KeyError:
        raise KeyError(name) from None


def run(name):
    """Run one job the way the scheduler does: fresh DB connections, timing, failures logged and re-raised."""
    job = get_job(name)
    close_old_connections()
    started = time.monotonic()
    try:
        result = job.func()
    except Exception:
        logger.exception("job %s failed after %.1fs", name, time.monotonic() - started)
        raise
    finally:
        close_old_connections()
    logger.info("job %s done in %.1fs: %s", name, time.monotonic() - started, result)
    return result
