from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Reminder

NOW = timezone.now()

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def due_now():
    return Reminder.objects.filter(due_at__lte=NOW, sent_at__isnull=True).count()
