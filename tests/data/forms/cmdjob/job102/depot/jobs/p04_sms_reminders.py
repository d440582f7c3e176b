from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.messaging import sms_customer
from depot.models import Reminder

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def sms_reminders():
    pending = Reminder.objects.filter(sent_at__isnull=True, due_at__lte=timezone.now())
    for reminder in pending:
        sms_customer(reminder.customer, "your parcel is waiting")
