from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "cache-add-lock": {"task": "depot.jobs.p01_cache_add_lock.cache_add_lock", "schedule": crontab(hour=1, minute=0)},
    "released-in-finally": {"task": "depot.jobs.q01_released_in_finally.released_in_finally", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_flag_row.flag_row"),
    ("5 5 * * *", "depot.jobs.p07_lock_in_helper.lock_in_helper"),
    ("10 5 * * *", "depot.jobs.q03_cache_not_lock.cache_not_lock"),
]
