"""A bare self.retry() in a method of a Task subclass used via base=."""
import logging

from celery import Task, shared_task

from .bank import transfer
from .errors import BankTimeout
from .models import Payout

logger = logging.getLogger(__name__)


class BankTask(Task):
    abstract = True
    max_retries = 5

    def retry_on_timeout(self, exc):
        logger.warning("bank timeout: %s", exc)
        raise self.retry(exc=exc, countdown=30)


@shared_task(bind=True, base=BankTask)
def confirm_payout(self, payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        transfer(payout.iban, payout.amount)
    except BankTimeout as exc:
        self.retry_on_timeout(exc)
    Payout.objects.filter(pk=payout.pk).update(status="confirmed")
