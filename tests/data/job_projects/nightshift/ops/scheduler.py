"""The shop's own little scheduler: jobs register with a decorator, `manage.py run_scheduler` runs them."""
import logging

logger = logging.getLogger(__name__)

#: name -> (schedule, function)
JOBS = {}


def register_job(schedule):
    """Register the decorated function to run on ``schedule`` ("hourly", "nightly", "every 5 minutes")."""

    def decorator(func):
        JOBS[func.__name__] = (schedule, func)
        return func

    return decorator


def run_due(is_due):
    for name, (schedule, func) in sorted(JOBS.items()):
        if is_due(schedule):
            logger.info("running %s", name)
            func()
