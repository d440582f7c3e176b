from datetime import datetime, time, timedelta, timezone as dt_timezone

from celery import shared_task
from django.utils import timezone

from depot.models import Parcel


@shared_task
def daily_digest():
    day = timezone.localdate() - timedelta(days=1)
    start = timezone.make_aware(datetime.combine(day, time.min))
    return Parcel.objects.filter(shipped_at__gte=start, shipped_at__lt=start + timedelta(days=1)).count()
