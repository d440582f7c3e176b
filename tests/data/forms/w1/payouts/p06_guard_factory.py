"""A decorator factory whose wrapper swallows the error autoretry_for needs to see."""
import functools
import logging

from celery import shared_task

from .bank import transfer
from .errors import BankTimeout
from .models import Payout

logger = logging.getLogger(__name__)


def guarded(area):
    def decorate(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:
                logger.exception("%s: %s failed", area, fn.__name__)
        return inner
    return decorate


@shared_task(autoretry_for=(BankTimeout,), max_retries=5, retry_backoff=True)
@guarded("payouts")
def settle(payout_id):
    payout = Payout.objects.get(pk=payout_id)
    transfer(payout.iban, payout.amount)
