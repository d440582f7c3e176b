"""Client for the Northwind Vet Diagnostics API (v2).

Errors are mapped to:

* ``LabUnavailable`` – the lab's API is down or overloaded (5xx, 429, timeouts,
  connection errors). Nothing is wrong with our request: try again later.
* ``LabRequestRejected`` – the lab refused the request (4xx: unknown test code,
  missing species, bad account). Sending it again will not help.
* ``ResultsPending`` – results asked for too early.

All of them derive from ``LabClientError``.
"""
import json
import socket
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.module_loading import import_string


class LabClientError(Exception):
    pass


class LabUnavailable(LabClientError):
    pass


class LabRequestRejected(LabClientError):
    pass


class ResultsPending(LabClientError):
    pass


class NorthwindLabClient:
    def __init__(self, base_url=None, api_key=None, account=None, timeout=20):
        self.base_url = (base_url or settings.LAB_API_URL).rstrip("/")
        self.api_key = api_key or settings.LAB_API_KEY
        self.account = account or settings.LAB_ACCOUNT
        self.timeout = timeout

    def _call(self, method, path, payload=None):
        data = json.dumps(payload).encode() if payload is not None else None
        req = Request(f"{self.base_url}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {self.api_key}",
            "Content-Type": "application/json",
            "X-Account": self.account,
        })
        try:
            with urlopen(req, timeout=self.timeout) as resp:
                status = resp.status
                body = json.load(resp) if resp.length != 0 else {}
        except HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:500]
            if exc.code == 429 or exc.code >= 500:
                raise LabUnavailable(f"{exc.code} {exc.reason}: {detail}") from exc
            raise LabRequestRejected(f"{exc.code} {exc.reason}: {detail}") from exc
        except (URLError, socket.timeout, ConnectionError) as exc:
            raise LabUnavailable(f"cannot reach lab API: {exc}") from exc
        return status, body

    def submit_requisition(self, requisition):
        _, body = self._call("POST", "/requisitions", requisition)
        return body["accession"]

    def fetch_results(self, accession):
        status, body = self._call("GET", f"/requisitions/{accession}/results")
        if status == 202:
            raise ResultsPending(f"results for {accession} not ready")
        return body["results"]

    def catalogue(self):
        _, body = self._call("GET", "/catalogue")
        return body["tests"]


class FakeLabClient:
    """Accepts everything; used in development and tests."""

    submitted = []
    results = {}

    def submit_requisition(self, requisition):
        FakeLabClient.submitted.append(requisition)
        return f"NW{len(FakeLabClient.submitted):06d}"

    def fetch_results(self, accession):
        if accession not in FakeLabClient.results:
            raise ResultsPending(f"results for {accession} not ready")
        return FakeLabClient.results[accession]

    def catalogue(self):
        return [{"code": "CBC", "name": "Complete blood count", "sample_type": "EDTA blood"},
                {"code": "CHEM10", "name": "Chemistry panel 10", "sample_type": "serum"},
                {"code": "T4", "name": "Total T4", "sample_type": "serum"}]


def get_lab_client():
    return import_string(settings.LAB_CLIENT)()
