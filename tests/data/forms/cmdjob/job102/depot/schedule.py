from celery.schedules import crontab
from depot_site.celery import app

app.conf.beat_schedule = {
    "send-due-reminders": {"task": "depot.jobs.p01_send_due_reminders.send_due_reminders", "schedule": crontab(hour=1, minute=0)},
    "marks-sent": {"task": "depot.jobs.q01_marks_sent.marks_sent", "schedule": crontab(hour=2, minute=0)},
}

# django-crontab
CRONJOBS = [
    ("0 5 * * *", "depot.jobs.p02_notify_waiting.notify_waiting"),
    ("5 5 * * *", "depot.jobs.p07_reminders_via_service.reminders_via_service"),
    ("10 5 * * *", "depot.jobs.q02_update_after.update_after"),
]
