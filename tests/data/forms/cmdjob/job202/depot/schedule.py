from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "notify-once": {"task": "depot.jobs.p01_notify_once.notify_once", "schedule": crontab(hour=1, minute=0)},
    "list-cursor": {"task": "depot.jobs.p07_list_cursor.list_cursor", "schedule": crontab(hour=2, minute=0)},
    "cleared-each-run": {"task": "depot.jobs.q01_cleared_each_run.cleared_each_run", "schedule": crontab(hour=3, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_customer_names.customer_names"),
    ("5 5 * * *", "depot.jobs.p06_via_helper.via_helper"),
    ("10 5 * * *", "depot.jobs.q02_local_set.local_set"),
]
