from datetime import timedelta

from django.utils import timezone

from depot.models import Customer, Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def remind_later():
    due = timezone.now() + timedelta(days=1)
    for customer in Customer.objects.filter(active=True):
        Reminder.objects.update_or_create(customer=customer, due_at=due, defaults={"sent_at": None})
