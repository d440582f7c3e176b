from datetime import timedelta

from django.utils import timezone

from depot.models import Customer, Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def reminder_per_customer():
    for customer in Customer.objects.filter(active=True):
        Reminder.objects.get_or_create(customer=customer, defaults={"due_at": timezone.now() + timedelta(days=7)})
