"""The task retries on BankTimeout in its own handler, but the helper it calls swallows it (BankError)."""
import logging

from celery import shared_task

from .bank import transfer
from .errors import BankError, BankTimeout

logger = logging.getLogger(__name__)


def try_transfer(iban, amount):
    try:
        return transfer(iban, amount)
    except BankTimeout:
        # the task retries on this error: let it reach Celery
        raise
    except BankError as exc:
        logger.warning("transfer failed: %s", exc)
        return None


@shared_task(bind=True, max_retries=5)
def transfer_later(self, iban, amount):
    try:
        try_transfer(iban, amount)
    except BankTimeout as exc:
        raise self.retry(exc=exc, countdown=60)
