from datetime import datetime, time

from celery import shared_task
from django.utils import timezone

from depot.models import Parcel


@shared_task
def make_aware():
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return [p.code for p in Parcel.objects.filter(processed=False) if p.shipped_at and p.shipped_at < start]
