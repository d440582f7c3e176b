"""Checking that supplier product pages linked from the catalogue still resolve."""
import logging
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings

logger = logging.getLogger(__name__)


class SupplierPageChecker:
    def __init__(self, max_workers=None, timeout=None):
        self.max_workers = max_workers or settings.SUPPLIER_PAGE_CHECK_WORKERS
        self.timeout = timeout or settings.SUPPLIER_PAGE_CHECK_TIMEOUT

    def check(self, urls):
        """Return ``{url: bool}`` for the given URLs (duplicates are checked once)."""
        unique = list(dict.fromkeys(u for u in urls if u))
        if not unique:
            return {}
        with ThreadPoolExecutor(max_workers=min(self.max_workers, len(unique)),
                                thread_name_prefix="supplier-pages") as pool:
            return dict(zip(unique, pool.map(self.probe, unique)))

    def probe(self, url):
        request = Request(url, method="HEAD", headers={"User-Agent": settings.PHOTO_USER_AGENT})
        try:
            with urlopen(request, timeout=self.timeout) as resp:
                return 200 <= resp.status < 400
        except HTTPError as exc:
            if exc.code == 405:  # some shops refuse HEAD; the page exists
                return True
            logger.info("supplier page %s: HTTP %s", url, exc.code)
            return False
        except (URLError, TimeoutError, ConnectionError) as exc:
            logger.info("supplier page %s unreachable: %s", url, exc)
            return False
