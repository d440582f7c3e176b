"""Stored on an object that closes it (a client with close())."""
import httpx
from celery import shared_task


class Partner:
    def __init__(self, base_url):
        client = httpx.Client(base_url=base_url, timeout=5)
        self.client = client

    def close(self):
        self.client.close()


@shared_task
def ping_partner(base_url):
    partner = Partner(base_url)
    try:
        return partner.client.get("/ping").status_code
    finally:
        partner.close()
