from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Reminder

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def count_due(now=None):
    now = now or timezone.now()
    return Reminder.objects.filter(due_at__lte=now).count()


@scheduler.scheduled_job("cron", hour=2)
def now_default_none():
    return count_due()
