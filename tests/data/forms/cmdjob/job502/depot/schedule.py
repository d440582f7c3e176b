from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "write-report": {"task": "depot.jobs.p01_write_report.write_report", "schedule": crontab(hour=1, minute=0)},
    "with-open": {"task": "depot.jobs.q01_with_open.with_open", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_gzip_export.gzip_export"),
    ("5 5 * * *", "depot.jobs.p07_sqlite_via_helper.sqlite_via_helper"),
    ("10 5 * * *", "depot.jobs.q02_try_finally.try_finally"),
]
