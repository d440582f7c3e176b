from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "expire-today": {"task": "depot.jobs.p01_expire_today.expire_today", "schedule": crontab(hour=1, minute=0)},
    "helper-constant": {"task": "depot.jobs.p07_helper_constant.helper_constant", "schedule": crontab(hour=2, minute=0)},
    "computed-per-run": {"task": "depot.jobs.q01_computed_per_run.computed_per_run", "schedule": crontab(hour=3, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_purge_old.purge_old"),
    ("5 5 * * *", "depot.jobs.p06_default_argument.default_argument"),
    ("10 5 * * *", "depot.jobs.q02_delta_constant.delta_constant"),
]
