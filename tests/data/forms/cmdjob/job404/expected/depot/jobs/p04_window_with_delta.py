from datetime import datetime, time, timedelta

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def window_with_delta():
    start = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=1), time.min))
    end = start + timedelta(days=1)
    return sum(1 for p in Parcel.objects.all() if p.delivered_at and p.delivered_at < end)
