from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "expire-reminders": {"task": "depot.jobs.p01_expire_reminders.expire_reminders", "schedule": crontab(hour=1, minute=0)},
    "timezone-now": {"task": "depot.jobs.q01_timezone_now.timezone_now", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_daily_stats.daily_stats"),
    ("5 5 * * *", "depot.jobs.p07_purge_unclaimed.purge_unclaimed"),
    ("10 5 * * *", "depot.jobs.q02_localdate.localdate"),
]
