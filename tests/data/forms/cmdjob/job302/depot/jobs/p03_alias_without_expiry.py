from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.cache import caches

from depot.models import DailyStat

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def alias_without_expiry():
    locks = caches["locks"]
    if not caches["locks"].add("stats-lock", 1):
        return
    try:
        DailyStat.objects.filter(parcels=0).delete()
    finally:
        locks.delete("stats-lock")


scheduler.add_job(alias_without_expiry, "cron", hour=3, minute=30)
