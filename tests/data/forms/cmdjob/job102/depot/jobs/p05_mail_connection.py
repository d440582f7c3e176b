from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from depot.models import Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def mail_connection():
    connection = get_connection()
    for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True).iterator():
        message = EmailMessage("Parcel waiting", "Please collect it.", to=[reminder.customer.email])
        connection.send_messages([message])
