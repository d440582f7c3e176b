"""A service class method (called by the task) catches a tuple holding the broad project exception."""
import logging

from celery import shared_task

from .bank import transfer
from .errors import BankTimeout, PayoutError
from .models import Payout

logger = logging.getLogger(__name__)


class PayoutService:
    def execute(self, payout):
        try:
            transfer(payout.iban, payout.amount)
        except (ValueError, PayoutError):
            logger.exception("payout %s failed", payout.pk)
            payout.status = "failed"
            payout.save(update_fields=["status"])


@shared_task(autoretry_for=(BankTimeout,), max_retries=5, retry_backoff=True)
def execute_payout(payout_id):
    PayoutService().execute(Payout.objects.get(pk=payout_id))
