"""self.retry() called as a statement in the task: what follows runs when it returns."""
from celery import shared_task

from .bank import transfer
from .errors import BankTimeout
from .models import Payout


@shared_task(bind=True, max_retries=3)
def book_payout(self, payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        transfer(payout.iban, payout.amount)
    except BankTimeout as exc:
        raise self.retry(exc=exc, countdown=10)
    payout.status = "booked"
    payout.save(update_fields=["status"])
