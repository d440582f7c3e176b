JOBS = {}


def register_job(schedule):
    def decorator(func):
        JOBS[func.__name__] = (schedule, func)
        return func
    return decorator
