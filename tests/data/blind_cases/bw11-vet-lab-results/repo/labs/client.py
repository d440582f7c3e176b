"""Clients for the reference labs' order/result APIs."""
import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class LabClientError(Exception):
    pass


class ReferenceLabClient:
    def __init__(self, lab, base_url, api_key, timeout=15, **_):
        self.lab = lab
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base_url}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {self.api_key}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        })
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return json.loads(resp.read() or b"{}")
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise LabClientError(f"{self.lab} {method} {path}: {exc}") from exc

    def fetch_results(self, cursor=""):
        """Return (report payloads, next cursor) for everything the lab released after ``cursor``."""
        data = self._call("GET", f"/results?after={cursor}" if cursor else "/results")
        return data.get("reports", []), data.get("cursor", cursor)

    def submit_order(self, order):
        data = self._call("POST", "/orders", {
            "accession": order.accession,
            "account": order.clinic.code,
            "panel": order.panel_code,
            "patient": {"id": order.pet.pims_id, "name": order.pet.name, "species": order.pet.species},
            "vet": order.ordering_vet.name if order.ordering_vet else "",
        })
        return data.get("reference", "")


class MemoryLabClient:
    """Stand-in used by tests and local development."""

    feeds = {}
    submitted = []

    def __init__(self, lab, **_):
        self.lab = lab

    @classmethod
    def reset(cls):
        cls.feeds = {}
        cls.submitted = []

    def fetch_results(self, cursor=""):
        feed = self.feeds.get(self.lab, [])
        start = int(cursor or 0)
        return [payload for payload in feed[start:]], str(len(feed))

    def submit_order(self, order):
        self.submitted.append(order.accession)
        return f"MEM-{order.accession}"


def get_client(lab):
    cls = import_string(settings.LAB_CLIENT_CLASS)
    return cls(lab, **settings.LAB_APIS.get(lab, {}))
