"""The handler catches a sibling (BankRejected), not a base of the autoretry error."""
from celery import shared_task

from .bank import transfer
from .errors import BankRejected, BankTimeout
from .models import Payout


@shared_task(autoretry_for=(BankTimeout,), max_retries=5, retry_backoff=True)
def send_payout_once(payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        transfer(payout.iban, payout.amount)
    except BankRejected:
        Payout.objects.filter(pk=payout.pk).update(status="rejected")
