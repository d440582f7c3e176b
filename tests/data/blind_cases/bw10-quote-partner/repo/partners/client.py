"""HTTP client for the partner insurers' quoting APIs.

All partners implement the same small JSON API (the "Coverwise partner spec"):

    GET  health                      -> 200 {"status": "ok"}
    GET  products                    -> 200 {"products": [{"code", "name", "product_line", "available"}]}
    POST quotes                      -> 200 {"decision": "quoted", "quote_id", "premium", "currency", "valid_until"}
                                        200 {"decision": "declined", "reason"}
    POST quotes/<quote_id>/accept    -> 200 {"policy_number"}

Transport problems, timeouts and 5xx/429 answers are raised as PartnerUnavailable (try again later); other 4xx
answers are PartnerRejected (the request itself is wrong, sending it again will not help).
"""
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.dateparse import parse_datetime

logger = logging.getLogger(__name__)

RETRYABLE_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class PartnerError(Exception):
    """Base class for errors talking to a partner."""


class PartnerUnavailable(PartnerError):
    """The partner could not be reached, timed out or answered with a server error."""


class PartnerRejected(PartnerError):
    """The partner refused the request (4xx other than 408/425/429)."""

    def __init__(self, status, detail):
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class QuoteOffer:
    decision: str
    quote_id: str = ""
    premium: Decimal | None = None
    currency: str = ""
    valid_until: datetime | None = None
    reason: str = ""

    @property
    def declined(self):
        return self.decision == "declined"

    @classmethod
    def from_response(cls, body):
        decision = body.get("decision")
        if decision == "declined":
            return cls(decision="declined", reason=str(body.get("reason", ""))[:255])
        if decision != "quoted":
            raise PartnerRejected(200, f"unexpected decision {decision!r}")
        try:
            premium = Decimal(str(body["premium"])).quantize(Decimal("0.01"))
        except (KeyError, InvalidOperation) as exc:
            raise PartnerRejected(200, f"quote without a valid premium: {body!r}") from exc
        valid_until = parse_datetime(body["valid_until"]) if body.get("valid_until") else None
        return cls(
            decision="quoted",
            quote_id=str(body.get("quote_id", "")),
            premium=premium,
            currency=body.get("currency", "GBP"),
            valid_until=valid_until,
        )


@dataclass(frozen=True)
class ProductInfo:
    code: str
    name: str
    product_line: str
    available: bool


class PartnerClient:
    def __init__(self, base_url, *, api_key="", timeout=None, partner_code=""):
        self.base_url = base_url.rstrip("/") + "/"
        self.api_key = api_key
        self.timeout = timeout or settings.PARTNER_HTTP_TIMEOUT
        self.partner_code = partner_code or base_url

    @classmethod
    def for_partner(cls, partner):
        return cls(
            partner.base_url,
            api_key=partner.api_key,
            timeout=partner.timeout_seconds,
            partner_code=partner.code,
        )

    def _call(self, method, path, payload=None, headers=None):
        url = self.base_url + path.lstrip("/")
        request = Request(url, method=method)
        request.add_header("Accept", "application/json")
        request.add_header("User-Agent", settings.PARTNER_USER_AGENT)
        if self.api_key:
            request.add_header("Authorization", f"Bearer {self.api_key}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        if payload is not None:
            request.data = json.dumps(payload).encode()
            request.add_header("Content-Type", "application/json")

        try:
            with urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            if exc.code in RETRYABLE_STATUSES:
                raise PartnerUnavailable(f"{self.partner_code}: HTTP {exc.code} from {method} {url}") from exc
            raise PartnerRejected(exc.code, detail) from exc
        except (URLError, TimeoutError, ConnectionError) as exc:
            raise PartnerUnavailable(f"{self.partner_code}: {method} {url} failed: {exc}") from exc

        if not raw:
            return {}
        try:
            return json.loads(raw)
        except ValueError as exc:
            # typically an HTML error page from the partner's load balancer
            raise PartnerUnavailable(f"{self.partner_code}: non-JSON answer from {method} {url}") from exc

    def ping(self):
        """True when the partner's health endpoint answers. Used for monitoring only."""
        try:
            self._call("GET", "health")
        except PartnerError as exc:
            logger.info("partner %s health check failed: %s", self.partner_code, exc)
            return False
        return True

    def list_products(self):
        body = self._call("GET", "products")
        return [
            ProductInfo(
                code=item["code"],
                name=item.get("name", item["code"]),
                product_line=item.get("product_line", ""),
                available=bool(item.get("available", True)),
            )
            for item in body.get("products", [])
        ]

    def request_quote(self, payload):
        """Ask the partner to price a risk.

        Returns a QuoteOffer (quoted or declined), or None when the partner could not be reached.
        """
        try:
            body = self._call("POST", "quotes", payload)
        except PartnerUnavailable as exc:
            logger.warning("partner %s did not answer quote %s: %s", self.partner_code, payload.get("reference"), exc)
            return None
        return QuoteOffer.from_response(body)

    def accept_quote(self, quote_id, *, idempotency_key):
        """Bind the partner's quote. Returns the partner's policy number."""
        body = self._call(
            "POST",
            f"quotes/{quote_id}/accept",
            payload={"quote_id": quote_id},
            headers={"Idempotency-Key": idempotency_key},
        )
        try:
            return body["policy_number"]
        except KeyError:
            raise PartnerRejected(200, f"accept answer without policy_number: {body!r}") from None
