import os
import tempfile

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Customer
from depot.storage import upload

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def named_delete_false():
    tmp = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
    try:
        for customer in Customer.objects.all():
            tmp.write(customer.email + "\n")
        tmp.close()
        upload(tmp.name)
    finally:
        os.unlink(tmp.name)


scheduler.add_job(named_delete_false, "cron", hour=3, minute=30)
