import smtplib

from depot.models import Reminder
from depot.registry import register_job


@register_job("0 4 * * *")
def smtp_digest():
    server = smtplib.SMTP("localhost")
    for reminder in Reminder.objects.filter(sent_at__isnull=True):
        server.sendmail("depot@example.com", [reminder.customer.email], "Subject: parcel\n\nwaiting")
    server.quit()
