"""Client for the port authority's VTS API (pilotage endpoints).

Docs: https://vts.port-authority.example/api/v2/docs  (ask the VTS desk for a token)

All calls go through ``PortAuthorityClient._request`` which maps failures to
two exception types:

* ``PortAuthorityUnavailable`` – timeouts, dropped connections, 5xx and 429.
  The VTS API is flaky around its shift handovers (06:00/18:00), these are
  worth trying again later.
* ``PortAuthorityRejected`` – any other 4xx: our payload or token is wrong,
  trying again will not help.
"""
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone
from http.client import HTTPException
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from django.conf import settings

logger = logging.getLogger(__name__)


class PortAuthorityError(Exception):
    pass


class PortAuthorityUnavailable(PortAuthorityError):
    pass


class PortAuthorityRejected(PortAuthorityError):
    def __init__(self, status, detail):
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class BoardingReceipt:
    request_id: str
    status: str


def build_boarding_payload(booking):
    arrival = booking.arrival
    return {
        "service": settings.PILOTAGE_SERVICE_CODE,
        "booking_reference": booking.reference,
        "vessel": {
            "name": arrival.vessel_name,
            "imo": arrival.imo_number,
            "call_sign": arrival.call_sign or None,
            "loa_m": float(arrival.length_overall),
            "draught_m": float(arrival.draught),
        },
        "pilot": {"name": booking.pilot.name, "licence_no": booking.pilot.licence_no},
        "boarding_station": arrival.station,
        "boarding_time": booking.boarding_time.astimezone(dt_timezone.utc).isoformat(),
    }


class PortAuthorityClient:
    def __init__(self, base_url=None, token=None, timeout=None):
        self.base_url = (base_url or settings.PORT_AUTHORITY_API_URL).rstrip("/")
        self.token = token or settings.PORT_AUTHORITY_API_TOKEN
        self.timeout = timeout or settings.PORT_AUTHORITY_TIMEOUT

    def _request(self, method, path, payload=None, headers=None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = Request(f"{self.base_url}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {self.token}",
            "Accept": "application/json",
            **({"Content-Type": "application/json"} if data is not None else {}),
            **(headers or {}),
        })
        try:
            with urlopen(request, timeout=self.timeout) as resp:
                raw = resp.read()
        except HTTPError as exc:
            detail = _error_detail(exc)
            if exc.code >= 500 or exc.code == 429:
                raise PortAuthorityUnavailable(f"{method} {path}: HTTP {exc.code} {detail}") from exc
            raise PortAuthorityRejected(exc.code, detail) from exc
        except (OSError, HTTPException) as exc:  # URLError, timeouts, resets
            raise PortAuthorityUnavailable(f"{method} {path}: {exc!r}") from exc
        return json.loads(raw) if raw else {}

    def submit_boarding_request(self, booking):
        """Register a pilot boarding with VTS; returns a ``BoardingReceipt``.

        The booking reference is sent as idempotency key: submitting the same
        booking again returns the original request id instead of a duplicate.
        """
        try:
            data = self._request(
                "POST", "/pilotage/boarding-requests", build_boarding_payload(booking),
                headers={"Idempotency-Key": booking.reference},
            )
        except PortAuthorityUnavailable as exc:
            # VTS being down must not break the booking; the request stays
            # pending on our side.
            logger.warning("VTS unavailable, boarding request %s left pending: %s", booking.reference, exc)
            return BoardingReceipt(request_id="", status="pending")
        return BoardingReceipt(request_id=data["request_id"], status=data.get("status", "received"))

    def cancel_boarding_request(self, request_id):
        """Withdraw a boarding request. Returns False if VTS no longer has it."""
        try:
            self._request("DELETE", f"/pilotage/boarding-requests/{request_id}")
        except PortAuthorityRejected as exc:
            if exc.status == 404:
                # Already withdrawn, or purged after the boarding time passed.
                logger.info("boarding request %s not found at VTS, nothing to cancel", request_id)
                return False
            raise
        return True

    def update_boarding_time(self, request_id, boarding_time):
        self._request("PATCH", f"/pilotage/boarding-requests/{request_id}",
                      {"boarding_time": boarding_time.astimezone(dt_timezone.utc).isoformat()})

    def get_boarding_request(self, request_id):
        return self._request("GET", f"/pilotage/boarding-requests/{request_id}")

    def get_vessel_eta(self, imo_number):
        """Latest ETA at the boarding station VTS has for a vessel (AIS based), or None."""
        data = self._request("GET", f"/vessels/{imo_number}/eta")
        if not data.get("eta"):
            return None
        return datetime.fromisoformat(data["eta"])


def _error_detail(exc):
    try:
        body = json.loads(exc.read() or b"{}")
    except (ValueError, OSError):
        return exc.reason
    return body.get("detail") or exc.reason
