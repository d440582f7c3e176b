"""Small client for the LockerLink cloud API (v2).

Only the calls we use: the global event feed and compartment status. The event feed is ordered by ``seq`` and
``after=N`` returns the events with ``seq > N``; LockerLink keeps 14 days of events, so a consumer that was down
can catch up from its last position.
"""
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

log = logging.getLogger(__name__)


class LockerLinkError(Exception):
    """The API could not be reached or answered with an error."""


@dataclass(frozen=True)
class VendorEvent:
    seq: int
    kind: str
    site: str
    compartment: str
    tracking_code: str
    occurred_at: datetime
    data: dict = field(default_factory=dict)

    @classmethod
    def from_json(cls, raw):
        try:
            return cls(
                seq=int(raw["seq"]),
                kind=raw["type"],
                site=raw["site"],
                compartment=raw.get("compartment") or "",
                tracking_code=(raw.get("parcel") or {}).get("barcode", ""),
                occurred_at=datetime.fromisoformat(raw["ts"].replace("Z", "+00:00")),
                data=raw.get("data") or {},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise LockerLinkError(f"malformed event {raw!r}: {exc}") from exc


class LockerLinkClient:
    def __init__(self, base_url, token, timeout=15, opener=None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._open = opener or urllib.request.urlopen

    @classmethod
    def from_settings(cls):
        conf = settings.LOCKERLINK
        return cls(conf["BASE_URL"], conf["TOKEN"], timeout=conf.get("TIMEOUT", 15))

    def _get(self, path, **params):
        url = f"{self.base_url}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, headers={
            "Authorization": f"Bearer {self.token}",
            "Accept": "application/json",
        })
        try:
            with self._open(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise LockerLinkError(f"GET {path}: HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise LockerLinkError(f"GET {path}: {exc}") from exc

    def fetch_events(self, after, limit=200):
        """Events with ``seq > after``, oldest first, at most ``limit``."""
        body = self._get("/v2/events", after=after, limit=limit)
        events = [VendorEvent.from_json(raw) for raw in body.get("events", [])]
        events.sort(key=lambda e: e.seq)
        return events

    def compartment_status(self, site_code):
        """{label: {"occupied": bool, "fault": str|None}} for one site."""
        body = self._get(f"/v2/sites/{urllib.parse.quote(site_code)}/compartments")
        return {c["label"]: {"occupied": bool(c.get("occupied")), "fault": c.get("fault")}
                for c in body.get("compartments", [])}
