from celery import shared_task
from django.utils import timezone

from depot.models import DailyStat


@shared_task
def day_bucket():
    DailyStat.objects.get_or_create(day=timezone.localdate())
