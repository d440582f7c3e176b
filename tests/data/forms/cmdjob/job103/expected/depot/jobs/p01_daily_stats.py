from celery import shared_task
from django.utils import timezone

from depot.models import DailyStat, Parcel


@shared_task
def daily_stats():
    DailyStat.objects.get_or_create(day=timezone.localdate(), defaults={"parcels": Parcel.objects.count()})
