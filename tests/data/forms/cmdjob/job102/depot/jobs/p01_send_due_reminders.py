from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from depot.models import Reminder


@shared_task
def send_due_reminders():
    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):
        send_mail("Your parcel is waiting", "Please collect it.", "depot@example.com", [reminder.customer.email])
