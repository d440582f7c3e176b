from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.mail import send_mail

from depot.models import Customer

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def no_marker_model():
    for customer in Customer.objects.filter(active=True):
        send_mail("Depot newsletter", "News of the week.", None, [customer.email])
