"""A network error swallowed in the task's helper (another function), no autoretry: never retried."""
import logging

import httpx
from celery import shared_task

logger = logging.getLogger(__name__)


def notify_partner(url, payload):
    try:
        httpx.post(url, json=payload, timeout=5)
    except Exception as exc:
        logger.warning("partner webhook failed: %s", exc)


@shared_task
def payout_webhook(url, payout_id):
    notify_partner(url, {"payout": payout_id})
