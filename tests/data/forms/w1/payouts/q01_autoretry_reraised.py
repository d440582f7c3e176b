"""The base-class handler logs and re-raises: autoretry sees the error."""
import logging

from celery import shared_task

from .bank import transfer
from .errors import BankError, BankTimeout
from .models import Payout

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(BankTimeout,), max_retries=5, retry_backoff=True)
def send_payout_checked(payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        transfer(payout.iban, payout.amount)
    except BankError:
        logger.warning("payout %s failed", payout.pk)
        raise
