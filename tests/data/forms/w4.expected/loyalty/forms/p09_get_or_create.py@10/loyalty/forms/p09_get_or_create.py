from celery import shared_task
from django.db.models import F
from django.utils import timezone

from loyalty.models import DailyStats


@shared_task
def count_scan():
    stats = DailyStats.objects.get_or_create(day=timezone.localdate())[0]
    DailyStats.objects.filter(pk=stats.pk).update(scans=F("scans") + 1)
