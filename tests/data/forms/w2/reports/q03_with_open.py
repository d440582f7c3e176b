"""Files and sessions in with blocks."""
import requests
from celery import shared_task


@shared_task
def save_page(url, path):
    with requests.Session() as session, open(path, "w") as fh:
        fh.write(session.get(url, timeout=10).text)
