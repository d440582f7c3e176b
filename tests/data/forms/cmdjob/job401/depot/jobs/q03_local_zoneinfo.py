from datetime import datetime, time
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def local_zoneinfo():
    start = datetime.combine(timezone.localdate(), time.min, tzinfo=ZoneInfo("Europe/Berlin"))
    return Parcel.objects.filter(shipped_at__gte=start).count()
