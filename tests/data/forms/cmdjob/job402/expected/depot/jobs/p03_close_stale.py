import datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def close_stale():
    stale = timezone.now() - datetime.timedelta(days=30)
    Parcel.objects.filter(created__lt=stale, shipped_at__isnull=True).update(processed=True)


scheduler.add_job(close_stale, "cron", hour=3, minute=30)
