"""A transient SMTP error caught in the task and only logged."""
import logging
import smtplib

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5)
def mail_remittance(self, address, body):
    try:
        with smtplib.SMTP("localhost") as smtp:
            smtp.sendmail("payouts@example.com", [address], body)
    except smtplib.SMTPException as exc:
        logger.warning("remittance mail to %s failed: %s", address, exc)
        raise self.retry(exc=exc)
