from celery import shared_task
from django.utils import timezone

from depot.models import Reminder


@shared_task
def snapshot_stats():
    Reminder.objects.get_or_create(customer_id=1, defaults={"due_at": timezone.now()})
