"""Client for the card payment gateway (deposit refunds only)."""
import json
import logging
import urllib.error
import urllib.request
from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class GatewayError(Exception):
    """The gateway refused the request; retrying will not help."""


class GatewayUnavailable(GatewayError):
    """The gateway could not be reached or asked us to come back later."""


class HttpGateway:
    timeout = 10

    def __init__(self, base_url=None, token=None):
        self.base_url = (base_url or settings.PAYMENT_GATEWAY_URL).rstrip("/")
        self.token = token if token is not None else settings.PAYMENT_GATEWAY_TOKEN

    def refund(self, *, payment_reference: str, amount: Decimal, idempotency_key: str) -> str:
        body = json.dumps({
            "payment_reference": payment_reference,
            "amount": str(amount),
            "currency": "GBP",
        }).encode()
        req = urllib.request.Request(
            f"{self.base_url}/v1/refunds",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
                "Idempotency-Key": idempotency_key,
            },
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return json.load(resp)["id"]
        except urllib.error.HTTPError as exc:
            if exc.code == 429 or exc.code >= 500:
                raise GatewayUnavailable(f"gateway answered {exc.code}") from exc
            raise GatewayError(f"gateway refused the refund: {exc.code} {exc.read()[:200]!r}") from exc
        except (urllib.error.URLError, TimeoutError) as exc:
            raise GatewayUnavailable(str(exc)) from exc


class MemoryGateway:
    """Records refunds in memory (tests and local development)."""

    refunds = []

    def refund(self, *, payment_reference, amount, idempotency_key):
        for existing in self.refunds:
            if existing["idempotency_key"] == idempotency_key:
                return existing["id"]
        ref = f"re_{len(self.refunds) + 1:04d}"
        self.refunds.append({
            "id": ref,
            "payment_reference": payment_reference,
            "amount": amount,
            "idempotency_key": idempotency_key,
        })
        return ref


def get_gateway():
    return import_string(settings.PAYMENT_GATEWAY_BACKEND)()
