import json
import threading
from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from boarding.models import ShipArrival
from pilotdesk.broker import broker
from pilots.models import Pilot

NOW = datetime(2024, 5, 14, 9, 0, tzinfo=dt_timezone.utc)


class FakeVTS:
    """Tiny stand-in for the port authority's VTS API."""

    def __init__(self):
        self.calls = []          # (method, path, headers, body)
        self.requests = {}       # request_id -> payload
        self.by_key = {}         # idempotency key -> request_id
        self.etas = {}           # imo -> ISO string
        self.fail_next = []      # (status, body) to answer before normal handling

    def handle(self, method, path, headers, body):
        self.calls.append((method, path, headers, body))
        if self.fail_next:
            return self.fail_next.pop(0)
        if method == "POST" and path == "/api/v2/pilotage/boarding-requests":
            key = headers.get("Idempotency-Key")
            if key not in self.by_key:
                request_id = f"VTS-{len(self.requests) + 1:05d}"
                self.requests[request_id] = body
                self.by_key[key] = request_id
            return 201, {"request_id": self.by_key[key], "status": "received"}
        if path.startswith("/api/v2/pilotage/boarding-requests/"):
            request_id = path.rsplit("/", 1)[1]
            if request_id not in self.requests:
                return 404, {"detail": "unknown boarding request"}
            if method == "DELETE":
                del self.requests[request_id]
                return 204, None
            if method == "PATCH":
                self.requests[request_id].update(body)
            return 200, {"request_id": request_id, **self.requests[request_id]}
        if method == "GET" and path.startswith("/api/v2/vessels/"):
            imo = path.split("/")[4]
            return 200, {"imo": imo, "eta": self.etas.get(imo)}
        return 404, {"detail": "not found"}


@pytest.fixture
def vts(settings):
    fake = FakeVTS()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            status, payload = fake.handle(self.command, self.path, dict(self.headers), body)
            raw = json.dumps(payload).encode() if payload is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_POST = do_PATCH = do_DELETE = _serve

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PORT_AUTHORITY_API_URL = f"http://127.0.0.1:{server.server_port}/api/v2"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def stub_broker():
    broker.flush_all()
    yield broker
    broker.flush_all()


@pytest.fixture
def pilots(db):
    return {
        "de_vries": Pilot.objects.create(name="J. de Vries", licence_no="RTM-A-014", grade=Pilot.Grade.A),
        "bakker": Pilot.objects.create(name="M. Bakker", licence_no="RTM-B-101", grade=Pilot.Grade.B),
        "jansen": Pilot.objects.create(name="S. Jansen", licence_no="RTM-C-230", grade=Pilot.Grade.C),
    }


@pytest.fixture
def make_arrival(db):
    def _make(vessel_name="MAERSK HALIFAX", imo="9458080", loa="199.90", eta=None, **kwargs):
        return ShipArrival.objects.create(
            vessel_name=vessel_name, imo_number=imo, call_sign=kwargs.pop("call_sign", "OZDM2"),
            length_overall=Decimal(loa), draught=Decimal(kwargs.pop("draught", "11.20")),
            eta=eta or NOW + timedelta(hours=6), **kwargs,
        )
    return _make
