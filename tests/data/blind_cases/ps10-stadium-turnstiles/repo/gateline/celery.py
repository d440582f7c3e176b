import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateline.settings")

app = Celery("gateline")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Match days finish late; the controllers have flushed their buffers by 03:00.
    "matchday-rollup": {
        "task": "turnstiles.tasks.rollup_matchday",
        "schedule": crontab(hour=3, minute=15),
    },
    "prune-gate-flow": {
        "task": "turnstiles.tasks.prune_gate_flow",
        "schedule": crontab(hour=4, minute=30, day_of_week="mon"),
    },
}
