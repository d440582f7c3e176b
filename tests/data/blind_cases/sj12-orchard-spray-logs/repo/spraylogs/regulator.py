"""Client for the Ministry's pesticide-use portal."""
import json
import logging
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class RegulatorError(Exception):
    pass


class HttpRegulatorClient:
    def __init__(self, base_url=None, token=None, timeout=60):
        self.base_url = (base_url or settings.SPRAYLOG_PORTAL_URL).rstrip("/")
        self.token = token or settings.SPRAYLOG_PORTAL_TOKEN
        self.timeout = timeout

    def _request(self, method, path, data=None, headers=None):
        request = Request(f"{self.base_url}/{path.lstrip('/')}", data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}",
            "X-Cooperative-Id": settings.SPRAYLOG_COOPERATIVE_ID,
            **(headers or {}),
        })
        try:
            with urlopen(request, timeout=self.timeout) as resp:
                return resp.read()
        except HTTPError as exc:
            raise RegulatorError(f"portal returned HTTP {exc.code} for {method} {path}") from exc
        except (URLError, TimeoutError, ConnectionError) as exc:
            raise RegulatorError(f"portal unreachable: {exc}") from exc

    def upload_spray_log(self, archive_path, site_id, week_start):
        """Upload one farm's weekly archive; returns the portal's receipt number."""
        body = Path(archive_path).read_bytes()
        raw = self._request("POST", "/spray-logs", data=body, headers={
            "Content-Type": "application/zip",
            "X-Site-Id": site_id,
            "X-Reporting-Week": week_start.isoformat(),
        })
        try:
            return json.loads(raw)["receipt_no"]
        except (ValueError, KeyError) as exc:
            raise RegulatorError(f"unexpected portal response: {raw[:200]!r}") from exc

    def download_product_register(self):
        """The current register of products approved for tree fruit, as a zip holding products.csv."""
        return self._request("GET", "/product-register/tree-fruit.zip")


class MemoryRegulatorClient:
    """Keeps uploads in memory (development and tests)."""

    uploads = []
    register_zip = b""

    def upload_spray_log(self, archive_path, site_id, week_start):
        MemoryRegulatorClient.uploads.append({
            "site_id": site_id,
            "week_start": week_start,
            "name": Path(archive_path).name,
            "content": Path(archive_path).read_bytes(),
        })
        return f"MEM-{len(MemoryRegulatorClient.uploads):05d}"

    def download_product_register(self):
        return MemoryRegulatorClient.register_zip


def get_regulator_client():
    return import_string(settings.SPRAYLOG_REGULATOR_CLIENT)()
