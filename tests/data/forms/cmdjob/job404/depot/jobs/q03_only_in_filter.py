from datetime import datetime, time

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def only_in_filter():
    start = datetime.combine(timezone.localdate(), time.min)
    return Parcel.objects.filter(shipped_at__gte=start).count()
