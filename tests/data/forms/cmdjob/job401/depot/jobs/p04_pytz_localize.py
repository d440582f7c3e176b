from datetime import datetime, time

from apscheduler.schedulers.blocking import BlockingScheduler
import pytz
from django.utils import timezone

from depot.models import Reminder

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def pytz_localize():
    start = pytz.utc.localize(datetime.combine(timezone.localdate(), time.min))
    return Reminder.objects.filter(due_at__gte=start).count()
