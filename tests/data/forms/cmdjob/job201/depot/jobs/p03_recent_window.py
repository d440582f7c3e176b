import time
from datetime import datetime, timezone

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")

DAY_AGO = time.time() - 86400


def recent_window():
    since = datetime.fromtimestamp(DAY_AGO, tz=timezone.utc)
    return Parcel.objects.filter(created__gte=since).count()


scheduler.add_job(recent_window, "cron", hour=3, minute=30)
