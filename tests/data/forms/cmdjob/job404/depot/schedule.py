from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "late-shipments": {"task": "depot.jobs.p01_late_shipments.late_shipments", "schedule": crontab(hour=1, minute=0)},
    "make-aware": {"task": "depot.jobs.q01_make_aware.make_aware", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_cutoff_from_text.cutoff_from_text"),
    ("5 5 * * *", "depot.jobs.p07_window_helper.window_helper"),
    ("10 5 * * *", "depot.jobs.q02_tzinfo_given.tzinfo_given"),
]
