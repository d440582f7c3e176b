"""The task autoretries on RequestException; the helper's except Exception guards only a database write of
the delivery record, which cannot raise a requests error: nothing the task retries on is swallowed."""
import logging

import requests
from celery import shared_task

from .models import Payout

logger = logging.getLogger(__name__)


def record_delivery(payout_id, status_code):
    try:
        Payout.objects.filter(pk=payout_id).update(status=f"notified {status_code}")
    except Exception:
        logger.exception("could not record the delivery of payout %s", payout_id)


@shared_task(autoretry_for=(requests.RequestException,), retry_backoff=True, max_retries=5)
def post_payout_webhook(url, payout_id):
    response = requests.post(url, json={"payout": payout_id}, timeout=5)
    response.raise_for_status()
    record_delivery(payout_id, response.status_code)
