"""urllib's URLError caught in a helper method of a service object, the task never retries."""
import logging
from urllib.error import URLError
from urllib.request import urlopen

from celery import shared_task

logger = logging.getLogger(__name__)


class StatementFetcher:
    def fetch(self, url):
        try:
            with urlopen(url, timeout=5) as response:
                return response.read()
        except URLError as exc:
            logger.error("statement download failed: %s", exc)
            return b""


@shared_task
def import_statement(url):
    return len(StatementFetcher().fetch(url))
