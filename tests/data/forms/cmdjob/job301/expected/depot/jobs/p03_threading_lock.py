import threading

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import DailyStat

_LOCK = threading.Lock()

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def threading_lock():
    _LOCK.acquire()
    try:
        DailyStat.objects.filter(parcels=0).delete()
    finally:
        _LOCK.release()


scheduler.add_job(threading_lock, "cron", hour=3, minute=30)
