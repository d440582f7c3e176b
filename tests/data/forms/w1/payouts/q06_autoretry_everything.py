"""autoretry_for=(Exception,) with an `except Exception` for one optional step: not reported (every
handler would be), the catch-all autoretry is WRK105's business."""
import logging

from celery import shared_task

from .bank import transfer

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(Exception,), max_retries=3, retry_backoff=True)
def transfer_with_receipt(iban, amount):
    transfer(iban, amount)
    try:
        logger.info("receipt for %s", iban.upper())
    except Exception:
        logger.debug("no receipt")
