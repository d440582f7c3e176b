"""The base= Task's helper method raises its retry; the caller raises what it returns."""
from celery import Task, shared_task

from .bank import transfer
from .errors import BankTimeout


class SafeBankTask(Task):
    abstract = True

    def retry_later(self, exc):
        return self.retry(exc=exc, countdown=30)


@shared_task(bind=True, base=SafeBankTask, max_retries=5)
def safe_transfer(self, iban, amount):
    try:
        transfer(iban, amount)
    except BankTimeout as exc:
        raise self.retry_later(exc)
