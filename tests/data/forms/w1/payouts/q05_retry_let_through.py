"""except Retry: raise before the broad handler; a helper that hands the error back to the task."""
import logging

import requests
from celery import shared_task
from celery.exceptions import Retry

logger = logging.getLogger(__name__)


def probe(url):
    try:
        requests.head(url, timeout=3)
    except requests.Timeout as exc:
        return exc
    return None


@shared_task(bind=True, max_retries=3)
def probe_bank(self, url):
    try:
        error = probe(url)
        if error is not None:
            raise self.retry(exc=error)
    except Retry:
        raise
    except Exception:
        logger.exception("probe failed")
