"""A urlopen response read and closed without with/finally."""
from urllib.request import urlopen

from celery import shared_task


@shared_task
def fetch_rates(url):
    with urlopen(url, timeout=5) as response:
        body = response.read()
    return len(body)
