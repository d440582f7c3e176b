"""A project decorator that logs and re-raises: Retry reaches Celery."""
import functools
import logging

from celery import shared_task

from .bank import transfer
from .errors import BankTimeout

logger = logging.getLogger(__name__)


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception:
            logger.exception("task %s failed", fn.__name__)
            raise
    return wrapper


@shared_task(bind=True, max_retries=3)
@traced
def traced_transfer(self, iban, amount):
    try:
        transfer(iban, amount)
    except BankTimeout as exc:
        raise self.retry(exc=exc)
