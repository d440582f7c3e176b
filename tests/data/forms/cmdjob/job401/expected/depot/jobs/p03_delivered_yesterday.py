from datetime import datetime, time, timedelta, timezone as dt_timezone

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def delivered_yesterday():
    day = timezone.localdate() - timedelta(days=1)
    end = timezone.make_aware(datetime.combine(day, time.max))
    return Parcel.objects.filter(delivered_at__lte=end).count()


scheduler.add_job(delivered_yesterday, "cron", hour=3, minute=30)
