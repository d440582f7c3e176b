import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "harvestbox.settings")

app = Celery("harvestbox")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    # By name: the task modules are not imported yet when the app is configured.
    task = sender.signature
    sender.add_periodic_task(crontab(minute=0, hour=6, day_of_week="thu"), task("pickups.tasks.open_next_week"),
                             name="open next pickup week")
    sender.add_periodic_task(crontab(minute=0, hour=8), task("pickups.tasks.skip_deadline_notices"),
                             name="skip deadline notices")
    sender.add_periodic_task(crontab(minute=5), task("pickups.tasks.pickup_reminders"),
                             name="pickup reminders")
    sender.add_periodic_task(crontab(minute=30, hour=23), task("pickups.tasks.close_pickup_days"),
                             name="close pickup days")
    sender.add_periodic_task(60.0, task("outbox.tasks.flush_outbox"), name="flush outbox")
