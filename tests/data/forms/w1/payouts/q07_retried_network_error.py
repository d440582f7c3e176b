"""The network error is caught and retried in the task."""
import logging

import httpx
from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5)
def post_statement(self, url, body):
    try:
        httpx.post(url, content=body, timeout=5)
    except httpx.TransportError as exc:
        logger.warning("statement upload failed: %s", exc)
        raise self.retry(exc=exc)
