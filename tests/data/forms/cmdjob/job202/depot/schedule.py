from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "notify-once": {"task": "depot.jobs.p01_notify_once.notify_once", "schedule": crontab(hour=1, minute=0)},
    "list-cursor": {"task": "depot.jobs.p07_list_cursor.list_cursor", "schedule": crontab(hour=2, minute=0)},
    "cleared-each-run": {"task": "depot.jobs.q01_cleared_each_run.cleared_each_run", "schedule": crontab(hour=3, minute=0)},
    "customer-names": {"task": "depot.jobs.p02_customer_names.customer_names", "schedule": crontab(hour=5, minute=0)},
    "via-helper": {"task": "depot.jobs.p06_via_helper.via_helper", "schedule": crontab(hour=5, minute=5)},
}

# django-crontab: cron starts `manage.py crontab run <hash>`, a fresh process for every run
CRONJOBS = [
    ("10 5 * * *", "depot.jobs.q02_local_set.local_set"),
    ("15 5 * * *", "depot.jobs.q05_crontab_process.supplier_names"),
]
