from django.db import transaction

from shop.models import Customer
from shop.tasks import notify_customer


def notify_all():
    for customer in Customer.objects.all():
        transaction.on_commit(lambda c=customer: notify_customer.delay(c.pk))
