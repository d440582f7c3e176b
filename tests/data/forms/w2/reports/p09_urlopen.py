"""A urlopen response read and closed without with/finally."""
from urllib.request import urlopen

from celery import shared_task


@shared_task
def fetch_rates(url):
    response = urlopen(url, timeout=5)
    body = response.read()
    response.close()
    return len(body)
