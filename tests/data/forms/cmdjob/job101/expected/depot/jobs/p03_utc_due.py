import datetime

from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import Customer, Reminder

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def utc_due():
    for customer in Customer.objects.filter(active=True):
        Reminder.objects.get_or_create(customer=customer, defaults={"due_at": datetime.datetime.utcnow()})


scheduler.add_job(utc_due, "cron", hour=3, minute=30)
