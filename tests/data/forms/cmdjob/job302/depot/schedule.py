from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "timeout-none-kw": {"task": "depot.jobs.p01_timeout_none_kw.timeout_none_kw", "schedule": crontab(hour=1, minute=0)},
    "timeout-given": {"task": "depot.jobs.q01_timeout_given.timeout_given", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_timeout_none_positional.timeout_none_positional"),
    ("5 5 * * *", "depot.jobs.p07_lock_in_helper.lock_in_helper"),
    ("10 5 * * *", "depot.jobs.q02_default_cache_timeout.default_cache_timeout"),
]
