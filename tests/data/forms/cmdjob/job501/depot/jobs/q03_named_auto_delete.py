import tempfile

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Customer
from depot.storage import upload

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def named_auto_delete():
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as tmp:
        tmp.write(str(Customer.objects.count()))
        tmp.flush()
        upload(tmp.name)
