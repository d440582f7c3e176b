from celery import shared_task
from django.utils import timezone

from depot.models import DailyStat, Parcel


@shared_task
def daily_stats():
    DailyStat.objects.update_or_create(day=timezone.now().date(), defaults={"parcels": Parcel.objects.count()})
