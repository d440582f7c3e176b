from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "daily-stats": {"task": "depot.jobs.p01_daily_stats.daily_stats", "schedule": crontab(hour=1, minute=0)},
    "localdate": {"task": "depot.jobs.q01_localdate.localdate", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_close_day.close_day"),
    ("5 5 * * *", "depot.jobs.p07_stats_from_helper.stats_from_helper"),
    ("10 5 * * *", "depot.jobs.q02_localtime_date.localtime_date"),
]
