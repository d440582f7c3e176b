from datetime import datetime

from celery import shared_task
from django.utils import timezone

from depot.models import Reminder


@shared_task
def expire_reminders():
    cutoff = timezone.now()
    return Reminder.objects.filter(due_at__lt=cutoff, sent_at__isnull=True).delete()
