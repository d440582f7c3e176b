from celery import shared_task
from django.utils import timezone

from depot.models import Reminder


@shared_task
def timezone_now():
    return Reminder.objects.filter(due_at__lt=timezone.now(), sent_at__isnull=True).count()
