from datetime import datetime as dt

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def weekly_digest():
    since = timezone.now()
    return Parcel.objects.filter(shipped_at__gte=since).count()
