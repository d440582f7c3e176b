from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def aware_now():
    now = datetime.now(tz=ZoneInfo("Europe/Berlin"))
    return Parcel.objects.filter(shipped_at__lt=now).count()
