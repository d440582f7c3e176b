from django.core.mail import EmailMessage
from django.utils import timezone

from depot.models import Reminder


def send_due():
    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):
        EmailMessage("Reminder", "Your parcel is waiting.", to=[reminder.customer.email]).send()
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
