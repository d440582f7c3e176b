from datetime import datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from django.utils import timezone

from depot.models import Parcel

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def literal_datetime():
    migrated = timezone.make_aware(datetime(2026, 1, 1))
    for parcel in Parcel.objects.filter(processed=False):
        if parcel.created >= migrated:
            parcel.processed = True
            parcel.save(update_fields=["processed"])


scheduler.add_job(literal_datetime, "cron", hour=3, minute=30)
