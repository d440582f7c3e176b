from datetime import datetime as dt

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def weekly_digest():
    since = dt.today()
    return Parcel.objects.filter(shipped_at__gte=since).count()
