"""The helper posts one partner's webhook; the task calls it once per partner in a loop: a failure skips one
partner of the batch, as a try inside the task's own loop does."""
import logging

import requests
from celery import shared_task

logger = logging.getLogger(__name__)


class PayoutNotifier:
    def __init__(self, payout_id):
        self.payout_id = payout_id

    def send_all(self, urls):
        for url in urls:
            self.send_webhook(url)

    def send_webhook(self, url):
        try:
            requests.post(url, json={"payout": self.payout_id}, timeout=2)
        except Exception:
            logger.exception("webhook %s failed", url)


@shared_task
def notify_partners(payout_id, urls):
    PayoutNotifier(payout_id).send_all(urls)
