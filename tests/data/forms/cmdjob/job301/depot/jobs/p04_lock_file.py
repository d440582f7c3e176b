import os

from apscheduler.schedulers.blocking import BlockingScheduler
LOCK_PATH = "/tmp/depot-invoices.lock"

from depot.models import Invoice

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def lock_file():
    with open(LOCK_PATH, "x"):
        pass
    Invoice.objects.filter(total=0).delete()
    os.remove(LOCK_PATH)
