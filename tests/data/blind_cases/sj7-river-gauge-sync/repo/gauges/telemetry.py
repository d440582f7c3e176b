"""Client for the telemetry provider's HTTP API."""
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings


class TelemetryError(Exception):
    """The provider could not be reached or answered with an error."""


@dataclass(frozen=True)
class RawReading:
    station_code: str
    measured_at: datetime  # aware, UTC
    level_m: Decimal


class TelemetryClient:
    def __init__(self, base_url=None, token=None, timeout=None):
        conf = settings.RIVERWATCH
        self.base_url = (base_url or conf["TELEMETRY_URL"]).rstrip("/")
        self.token = token if token is not None else conf["TELEMETRY_TOKEN"]
        self.timeout = timeout or conf["TELEMETRY_TIMEOUT"]

    def _get(self, path, params):
        url = f"{self.base_url}/{path}?{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                return json.load(resp)
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise TelemetryError(f"GET {path}: {exc}") from exc

    def readings_since(self, station_codes, since):
        """All readings of the given stations measured after ``since`` (one batch request)."""
        payload = self._get("readings", {
            "stations": ",".join(station_codes),
            "since": since.isoformat(),
        })
        return [
            RawReading(
                station_code=item["station"],
                measured_at=datetime.fromisoformat(item["t"]),
                level_m=Decimal(str(item["level"])),
            )
            for item in payload.get("readings", [])
        ]


def default_client():
    return TelemetryClient()
