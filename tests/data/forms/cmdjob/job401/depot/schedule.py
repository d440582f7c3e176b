from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "daily-digest": {"task": "depot.jobs.p01_daily_digest.daily_digest", "schedule": crontab(hour=1, minute=0)},
    "make-aware-local": {"task": "depot.jobs.q01_make_aware_local.make_aware_local", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_close_day.close_day"),
    ("5 5 * * *", "depot.jobs.p07_digest_from_helper.digest_from_helper"),
    ("10 5 * * *", "depot.jobs.q02_date_lookup.date_lookup"),
]
