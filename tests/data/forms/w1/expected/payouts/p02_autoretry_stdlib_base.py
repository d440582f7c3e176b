"""autoretry_for=(requests.ConnectionError,), caught by OSError (requests' errors derive from it)."""
import logging

import requests
from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(requests.ConnectionError,), max_retries=3, retry_backoff=True)
def ping_bank(url):
    try:
        requests.get(url, timeout=5)
    except requests.ConnectionError:
        # the task retries on this error: let it reach Celery
        raise
    except OSError:
        logger.exception("bank unreachable")
        return False
    return True
