from django.utils import timezone

from depot.messaging import notify_customer
from depot.models import Reminder


def notify_waiting():
    due = Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True).select_related("customer")
    for reminder in due:
        notify_customer(reminder.customer, "parcel waiting")
