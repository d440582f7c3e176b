"""close() in finally."""
import smtplib

from celery import shared_task


@shared_task
def mail_digest(address, body):
    server = smtplib.SMTP("localhost")
    try:
        server.sendmail("reports@example.com", [address], body)
    finally:
        server.close()
