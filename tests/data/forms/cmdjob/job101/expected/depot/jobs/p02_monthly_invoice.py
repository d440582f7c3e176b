from datetime import datetime

from depot.models import Customer, Reminder


def monthly_invoice():
    for customer in Customer.objects.filter(active=True):
        Reminder.objects.get_or_create(customer=customer, defaults={"due_at": datetime.now()})
