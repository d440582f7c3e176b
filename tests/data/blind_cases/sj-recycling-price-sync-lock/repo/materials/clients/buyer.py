"""Client for Reclaim Metals' price API (daily quotes per grade)."""
import json
import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings

log = logging.getLogger(__name__)


class BuyerAPIError(Exception):
    pass


@dataclass(frozen=True)
class Quote:
    grade: str
    quoted_on: date
    price_per_tonne: Decimal


class BuyerPriceClient:
    def __init__(self, base_url, api_key, timeout=20):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    @classmethod
    def from_settings(cls):
        return cls(settings.BUYER_API_URL, settings.BUYER_API_KEY, settings.BUYER_API_TIMEOUT)

    def _get(self, path, **params):
        url = f"{self.base_url}{path}?{urlencode(params)}"
        request = Request(url, headers={"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"})
        try:
            with urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except HTTPError as exc:
            raise BuyerAPIError(f"GET {path} -> HTTP {exc.code}") from exc
        except (URLError, TimeoutError) as exc:
            raise BuyerAPIError(f"GET {path} failed: {exc}") from exc

    def fetch_quotes(self, day):
        payload = self._get("/quotes", date=day.isoformat(), currency="EUR")
        quotes = []
        for item in payload.get("quotes", []):
            try:
                quotes.append(Quote(item["grade"], date.fromisoformat(item["date"]), Decimal(str(item["eur_per_t"]))))
            except (KeyError, ValueError) as exc:
                log.warning("skipping malformed quote %r: %s", item, exc)
        return quotes
