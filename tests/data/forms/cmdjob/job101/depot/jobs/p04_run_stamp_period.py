import time

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Customer, Invoice

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def run_stamp_period():
    run = int(time.time())
    for customer in Customer.objects.filter(active=True):
        Invoice.objects.get_or_create(customer=customer, period=str(run))
