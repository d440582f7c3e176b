import uuid

from celery import shared_task

from depot.models import Customer, Invoice
from depot_site.celery import app


@shared_task
def uuid_period():
    for customer in Customer.objects.filter(active=True):
        Invoice.objects.get_or_create(customer=customer, period=uuid.uuid4().hex[:7])


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(3600.0, uuid_period.s(), name="uuid_period hourly")
