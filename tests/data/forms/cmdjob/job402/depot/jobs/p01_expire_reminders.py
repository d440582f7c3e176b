from datetime import datetime

from celery import shared_task

from depot.models import Reminder


@shared_task
def expire_reminders():
    cutoff = datetime.now()
    return Reminder.objects.filter(due_at__lt=cutoff, sent_at__isnull=True).delete()
