"""Client for the LoRa field gateway that talks to the valve controllers."""
import json
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.module_loading import import_string


class GatewayError(Exception):
    """The gateway or the controller did not answer; worth trying again later."""


class HttpGateway:
    def __init__(self, base_url=None, timeout=None):
        self.base_url = (base_url or settings.IRRIGATION_GATEWAY_URL).rstrip("/")
        self.timeout = timeout or settings.IRRIGATION_GATEWAY_TIMEOUT

    def _call(self, method, path, payload=None):
        data = json.dumps(payload).encode() if payload is not None else None
        req = Request(f"{self.base_url}{path}", data=data, method=method,
                      headers={"Content-Type": "application/json"})
        try:
            with urlopen(req, timeout=self.timeout) as resp:
                return json.loads(resp.read() or b"{}")
        except (URLError, TimeoutError, ValueError) as exc:
            raise GatewayError(f"{method} {path}: {exc}") from exc

    def open_valve(self, serial, minutes):
        self._call("POST", f"/valves/{serial}/open", {"minutes": minutes})

    def valve_status(self, serial):
        """{"open": bool, "totalizer_liters": int}"""
        return self._call("GET", f"/valves/{serial}")

    def read_totalizer(self, serial):
        return int(self.valve_status(serial)["totalizer_liters"])


class MemoryGateway:
    """In-process stand-in used by the test settings and local development."""

    totalizers = {}
    open_valves = {}

    def open_valve(self, serial, minutes):
        MemoryGateway.open_valves[serial] = minutes

    def valve_status(self, serial):
        return {"open": serial in MemoryGateway.open_valves, "totalizer_liters": self.read_totalizer(serial)}

    def read_totalizer(self, serial):
        return MemoryGateway.totalizers.get(serial, 0)

    @classmethod
    def reset(cls):
        cls.totalizers = {}
        cls.open_valves = {}


def get_gateway():
    return import_string(settings.IRRIGATION_GATEWAY)()
