"""raise self.retry() inside a try whose except Exception records the failure."""
from celery import shared_task

from .bank import transfer
from .errors import BankTimeout
from .models import Payout


@shared_task(bind=True, max_retries=3)
def push_payout(self, payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        try:
            transfer(payout.iban, payout.amount)
        except BankTimeout as exc:
            raise self.retry(exc=exc)
    except Exception as exc:
        payout.status = f"failed: {exc}"
        payout.save(update_fields=["status"])
