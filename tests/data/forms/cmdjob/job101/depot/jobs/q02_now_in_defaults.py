from django.utils import timezone

from depot.models import Customer, Reminder


def now_in_defaults():
    for customer in Customer.objects.filter(active=True):
        Reminder.objects.get_or_create(customer=customer, sent_at__isnull=True, defaults={"due_at": timezone.now()})
