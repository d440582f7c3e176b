from celery import shared_task
from requests.exceptions import ReadTimeout

from .p03_client import fetch_rates


@shared_task(autoretry_for=(ReadTimeout,), max_retries=4, retry_backoff=True)
def refresh_rates(url):
    rates = fetch_rates(url)
    return len(rates)
