from django.utils import timezone

from depot.messaging import notify_customer
from depot.models import Reminder


def update_after():
    due = list(Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True))
    for reminder in due:
        notify_customer(reminder.customer, "parcel waiting")
    Reminder.objects.filter(pk__in=[r.pk for r in due]).update(sent_at=timezone.now())
