from django.utils import timezone

from depot.models import Customer, Reminder


def plan_followups(now=None):
    now = now or timezone.now()
    for customer in Customer.objects.filter(active=True):
        Reminder.objects.get_or_create(customer=customer, defaults={"due_at": now})
