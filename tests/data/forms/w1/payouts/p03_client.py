"""A helper in another module catches the base class of the task's autoretry_for error."""
import logging

import requests

logger = logging.getLogger(__name__)


def fetch_rates(url):
    try:
        return requests.get(url, timeout=5).json()
    except requests.RequestException as exc:
        logger.warning("rates unavailable: %s", exc)
        return {}
