from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "export-mkstemp": {"task": "depot.jobs.p01_export_mkstemp.export_mkstemp", "schedule": crontab(hour=1, minute=0)},
    "finally-remove": {"task": "depot.jobs.q01_finally_remove.finally_remove", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_mkdtemp_rmtree.mkdtemp_rmtree"),
    ("5 5 * * *", "depot.jobs.p07_export_helper.export_helper"),
    ("10 5 * * *", "depot.jobs.q02_temporary_directory.temporary_directory"),
]
