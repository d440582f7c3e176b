"""The helper returns {} on a network error and the task uses the result without checking it: dropped."""
import logging

import requests
from celery import shared_task

from .models import Payout

logger = logging.getLogger(__name__)


def fetch_fee(iban):
    try:
        return requests.get("https://bank.example.com/v1/fees", params={"iban": iban}, timeout=5).json()
    except requests.RequestException:
        logger.exception("fee lookup for %s failed", iban)
        return {}


@shared_task
def apply_fee(payout_id):
    payout = Payout.objects.get(pk=payout_id)
    fee = fetch_fee(payout.iban)
    Payout.objects.filter(pk=payout.pk).update(amount=payout.amount - fee.get("amount", 0))
