"""The depot's own job registry: `manage.py run_jobs` runs every registered job on its schedule."""
JOBS = {}


def register_job(schedule):
    def decorator(func):
        JOBS[func.__name__] = (schedule, func)
        return func

    return decorator
