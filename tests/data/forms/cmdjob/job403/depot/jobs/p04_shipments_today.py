from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def shipments_today():
    now = timezone.now()
    today = now.date()
    return Parcel.objects.filter(shipped_at__date=today).count()
