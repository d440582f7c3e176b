"""autoretry_for=(BankTimeout,), caught in the task by its project base class BankError."""
import logging

from celery import shared_task

from .bank import transfer
from .errors import BankError, BankTimeout
from .models import Payout

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(BankTimeout,), retry_backoff=True, max_retries=5)
def send_payout(payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        transfer(payout.iban, payout.amount)
    except BankTimeout:
        # the task retries on this error: let it reach Celery
        raise
    except BankError as exc:
        logger.warning("payout %s failed: %s", payout.pk, exc)
        return None
    Payout.objects.filter(pk=payout.pk).update(status="sent")
