from datetime import timedelta

from django.utils import timezone

from depot.models import Customer, Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def reminder_per_customer():
    for customer in Customer.objects.filter(active=True):
        Reminder.objects.create(customer=customer, due_at=timezone.now() + timedelta(days=7))
