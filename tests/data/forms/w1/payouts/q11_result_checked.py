"""The helper returns {} on a network error and the task raises the error it autoretries on an empty
result: the failure reaches Celery."""
import logging

import requests
from celery import shared_task

logger = logging.getLogger(__name__)


class QuoteUnavailable(Exception):
    pass


def fetch_fx_quote(currency):
    try:
        response = requests.get("https://fx.example.com/v1/quote", params={"c": currency}, timeout=5)
        return response.json()
    except requests.RequestException:
        logger.exception("fx quote for %s failed", currency)
        return {}


@shared_task(autoretry_for=(QuoteUnavailable,), retry_backoff=True, max_retries=5)
def refresh_fx_quote(currency):
    quote = fetch_fx_quote(currency)
    if not quote:
        raise QuoteUnavailable(currency)
    return quote["rate"]
