from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Reminder
from depot.tasks import deliver_reminder

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def enqueue_emails():
    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):
        deliver_reminder.delay(reminder.pk)


scheduler.add_job(enqueue_emails, "cron", hour=3, minute=30)
