from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "snapshot-stats": {"task": "depot.jobs.p01_snapshot_stats.snapshot_stats", "schedule": crontab(hour=1, minute=0)},
    "day-bucket": {"task": "depot.jobs.q01_day_bucket.day_bucket", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_monthly_invoice.monthly_invoice"),
    ("5 5 * * *", "depot.jobs.p07_followups_helper.followups_helper"),
    ("10 5 * * *", "depot.jobs.q02_now_in_defaults.now_in_defaults"),
]
