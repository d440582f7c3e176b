"""Client for the vehicle operator's fleet telemetry API (v2).

Endpoints we use:
  GET /vehicles                         -> {"vehicles": [{"id", "fleet_number", "series", "depot", "state"}]}
  GET /positions?after=<cursor>&limit=N -> {"positions": [...], "cursor": "...", "has_more": bool}

Position items look like
  {"vehicle_id": "VIE-B-2104", "ts": "2024-05-02T07:31:05Z", "lat": 48.2082, "lon": 16.3738,
   "speed": 23.5, "line": "49", "doors": "closed"}
"""
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class OperatorApiError(Exception):
    pass


@dataclass
class PositionPage:
    positions: list = field(default_factory=list)
    cursor: str = ""
    has_more: bool = False


class HttpOperatorClient:
    def __init__(self, base_url, token, timeout=20.0):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_settings(cls):
        return cls(settings.OPERATOR_API_URL, settings.OPERATOR_API_TOKEN, settings.OPERATOR_API_TIMEOUT)

    def _get(self, path, **params):
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        url = f"{self.base_url}{path}" + (f"?{query}" if query else "")
        request = urllib.request.Request(url, headers={
            "Authorization": f"Bearer {self.token}",
            "Accept": "application/json",
        })
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as exc:
            raise OperatorApiError(f"GET {path}: HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError) as exc:
            raise OperatorApiError(f"GET {path}: {exc}") from exc
        except ValueError as exc:
            raise OperatorApiError(f"GET {path}: invalid JSON") from exc

    def fetch_positions(self, after=None, limit=500):
        data = self._get("/positions", after=after, limit=limit)
        return PositionPage(
            positions=data.get("positions", []),
            cursor=data.get("cursor") or "",
            has_more=bool(data.get("has_more")),
        )

    def fetch_vehicles(self):
        return self._get("/vehicles").get("vehicles", [])


class StubOperatorClient:
    """In-memory stand-in used by the test settings and local development.

    ``positions`` is the whole feed; the cursor is the index of the last item handed out.
    """

    positions = []
    vehicles = []

    @classmethod
    def from_settings(cls):
        return cls()

    @classmethod
    def reset(cls):
        cls.positions = []
        cls.vehicles = []

    def fetch_positions(self, after=None, limit=500):
        start = int(after) if after else 0
        chunk = self.positions[start:start + limit]
        end = start + len(chunk)
        return PositionPage(positions=list(chunk), cursor=str(end) if end else "",
                            has_more=end < len(self.positions))

    def fetch_vehicles(self):
        return list(self.vehicles)


def get_client():
    return import_string(settings.OPERATOR_API_CLIENT).from_settings()
