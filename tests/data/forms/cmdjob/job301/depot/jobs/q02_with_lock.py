import threading

from apscheduler.schedulers.blocking import BlockingScheduler
_LOCK = threading.Lock()

from depot.models import DailyStat

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def with_lock():
    with _LOCK:
        DailyStat.objects.filter(parcels=0).delete()
