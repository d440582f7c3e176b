import smtplib

from depot.models import Reminder


def try_finally():
    server = smtplib.SMTP("localhost")
    try:
        for reminder in Reminder.objects.filter(sent_at__isnull=True):
            server.sendmail("depot@example.com", [reminder.customer.email], "Subject: parcel")
    finally:
        server.quit()
