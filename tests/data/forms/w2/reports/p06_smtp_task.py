"""SMTP client: quit() is skipped when sendmail raises."""
import smtplib

from celery import shared_task


@shared_task
def mail_report(address, body):
    server = smtplib.SMTP("localhost", 25)
    server.sendmail("reports@example.com", [address], body)
    server.quit()
