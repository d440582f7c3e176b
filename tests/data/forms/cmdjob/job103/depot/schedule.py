from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "daily-stats": {"task": "depot.jobs.p01_daily_stats.daily_stats", "schedule": crontab(hour=1, minute=0)},
    "get-or-create": {"task": "depot.jobs.q01_get_or_create.get_or_create", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_monthly_invoices.monthly_invoices"),
    ("5 5 * * *", "depot.jobs.p07_invoices_via_helper.invoices_via_helper"),
    ("10 5 * * *", "depot.jobs.q02_exists_first.exists_first"),
]
