"""FleetFuel transactions feed.

The feed is an append-only list of card transactions with a monotonically increasing ``sequence``;
we ask for everything after the last sequence we stored.
"""
import json
import logging
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

PRODUCT_CODES = {
    "DSL": "diesel",
    "DERV": "diesel",
    "ULSD": "diesel",
    "ULP": "petrol",
    "SUL": "petrol",
    "ADB": "adblue",
}


class ProviderError(Exception):
    pass


@dataclass(frozen=True)
class ProviderTransaction:
    id: str
    sequence: int
    card_number: str
    occurred_at: datetime
    site_name: str
    product: str
    litres: Decimal
    amount: Decimal
    currency: str = "GBP"
    odometer_km: int | None = None
    raw: dict = field(default_factory=dict, compare=False)


def parse_transaction(item):
    try:
        occurred_at = datetime.fromisoformat(item["timestamp"].replace("Z", "+00:00"))
        return ProviderTransaction(
            id=str(item["id"]),
            sequence=int(item["sequence"]),
            card_number=item["card"]["pan"],
            occurred_at=occurred_at,
            site_name=(item.get("site") or {}).get("name", ""),
            product=PRODUCT_CODES.get(item.get("product_code", "").upper(), "other"),
            litres=Decimal(str(item["quantity"])),
            amount=Decimal(str(item["amount"]["value"])),
            currency=item["amount"].get("currency", "GBP"),
            odometer_km=int(item["odometer"]) if item.get("odometer") else None,
            raw=item,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ProviderError(f"malformed transaction {item.get('id')!r}: {exc}") from exc


class FleetFuelClient:
    page_size = 200

    def __init__(self, base_url, api_key, timeout=20):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def _get(self, path, params):
        url = f"{self.base_url}{path}?{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(url, headers={
            "Authorization": f"Bearer {self.api_key}",
            "Accept": "application/json",
        })
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)
        except (OSError, ValueError) as exc:
            raise ProviderError(f"GET {path} failed: {exc}") from exc

    def transactions_after(self, sequence):
        """Yield transactions with a sequence greater than ``sequence``, oldest first."""
        while True:
            page = self._get("/transactions", {"after_sequence": sequence, "limit": self.page_size})
            items = page.get("transactions", [])
            for item in items:
                txn = parse_transaction(item)
                sequence = txn.sequence
                yield txn
            if not items or not page.get("has_more"):
                return


class StaticProvider:
    """Serves a fixed list of transactions (local development, tests)."""

    def __init__(self, transactions=()):
        self.transactions = list(transactions)

    def add(self, txn):
        self.transactions.append(txn)
        return txn

    def transactions_after(self, sequence):
        for txn in sorted(self.transactions, key=lambda t: t.sequence):
            if txn.sequence > sequence:
                yield txn


def get_provider():
    config = settings.FUEL_PROVIDER
    return import_string(config["CLASS"])(**config.get("OPTIONS", {}))
