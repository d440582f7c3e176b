"""self.retry() raises Retry, swallowed by the project decorator wrapped around the task."""
from celery import shared_task

from .bank import transfer
from .errors import BankTimeout
from .models import Payout
from .p05_decorators import log_failures


@shared_task(bind=True, max_retries=5)
@log_failures
def resend_payout(self, payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        transfer(payout.iban, payout.amount)
    except BankTimeout as exc:
        raise self.retry(exc=exc, countdown=60)
