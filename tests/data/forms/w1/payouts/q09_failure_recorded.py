"""The network error marks the payout failed (saved): the operator sees it and retries by hand."""
import logging

import requests
from celery import shared_task

from .models import Payout

logger = logging.getLogger(__name__)


@shared_task
def submit_payout(payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        requests.post("https://bank.example.com/v1/payouts", json={"iban": payout.iban}, timeout=10)
        payout.status = "submitted"
        payout.save(update_fields=["status"])
        return
    except requests.RequestException as exc:
        logger.warning("payout %s not submitted: %s", payout.pk, exc)
    payout.status = "failed"
    payout.save(update_fields=["status"])
