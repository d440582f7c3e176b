"""Acceptance tests: when the port authority's VTS API has a transient failure
(503, dropped connection, timeout) the boarding request must not be reported as
done while it was never registered. Dramatiq has to see the failure and try
again, so the request ends up registered at VTS once the API is back."""
import json
import threading
import time
from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from dramatiq import Worker

from boarding.models import PilotBooking, ShipArrival
from boarding.tasks import send_boarding_request
from pilots.models import Pilot

BOARDING_PATH = "/api/v2/pilotage/boarding-requests"


class FlakyVTS:
    """Fake VTS: answers the first ``failures`` boarding POSTs with ``mode``."""

    def __init__(self, mode, failures):
        self.mode = mode
        self.failures = failures
        self.attempts = 0
        self.registered = {}  # idempotency key -> request id
        self.lock = threading.Lock()


def start_server(fake):
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, status, payload):
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path != BOARDING_PATH:
                return self._reply(404, {"detail": "not found"})
            with fake.lock:
                fake.attempts += 1
                failing = fake.failures > 0
                if failing:
                    fake.failures -= 1
            if failing:
                if fake.mode == "503":
                    return self._reply(503, {"detail": "VTS shift handover, try again later"})
                if fake.mode == "dropped":
                    self.close_connection = True
                    return
                if fake.mode == "timeout":
                    time.sleep(1.5)
                    self.close_connection = True
                    return
            key = self.headers.get("Idempotency-Key") or body.get("booking_reference")
            with fake.lock:
                request_id = fake.registered.setdefault(key, f"VTS-{len(fake.registered) + 1:05d}")
            self._reply(201, {"request_id": request_id, "status": "received"})

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def booking(transactional_db):
    pilot = Pilot.objects.create(name="M. Bakker", licence_no="RTM-B-101", grade=Pilot.Grade.B)
    eta = datetime.now(dt_timezone.utc).replace(microsecond=0) + timedelta(hours=8)
    arrival = ShipArrival.objects.create(
        vessel_name="MAERSK HALIFAX", imo_number="9458080", call_sign="OZDM2",
        length_overall=Decimal("199.90"), draught=Decimal("11.20"), eta=eta,
    )
    return PilotBooking.objects.create(arrival=arrival, pilot=pilot, boarding_time=eta - timedelta(minutes=45))


@pytest.fixture
def vts(settings):
    servers = []

    def _start(mode, failures):
        fake = FlakyVTS(mode, failures)
        server = start_server(fake)
        servers.append(server)
        settings.PORT_AUTHORITY_API_URL = f"http://127.0.0.1:{server.server_port}/api/v2"
        settings.PORT_AUTHORITY_TIMEOUT = 0.5
        return fake

    yield _start
    for server in servers:
        server.shutdown()
        server.server_close()


def run_through_worker(booking_id, **options):
    """Send the actor's message through the (stub) broker and let a worker process it,
    including dramatiq's retries (with a short backoff)."""
    broker = send_boarding_request.broker
    broker.flush_all()
    send_boarding_request.send_with_options(
        args=(booking_id,), min_backoff=20, max_backoff=200, **options,
    )
    worker = Worker(broker, worker_threads=1, worker_timeout=50)
    worker.start()
    try:
        broker.join(send_boarding_request.queue_name, timeout=30_000, fail_fast=False)
    finally:
        worker.stop()
        broker.flush_all()


@pytest.mark.parametrize("mode", ["503", "dropped", "timeout"])
def test_boarding_request_is_registered_after_a_transient_vts_failure(vts, booking, mode):
    fake = vts(mode, failures=1)

    run_through_worker(booking.pk)

    booking.refresh_from_db()
    assert fake.attempts >= 2, "the failed boarding request was never tried again"
    assert list(fake.registered) == [booking.reference]
    assert booking.port_request_id == fake.registered[booking.reference]
    assert booking.port_status == PilotBooking.PortStatus.RECEIVED


def test_vts_staying_down_is_a_failure_not_a_success(vts, booking):
    fake = vts("503", failures=1000)

    run_through_worker(booking.pk, max_retries=2)

    booking.refresh_from_db()
    assert fake.attempts >= 2, "dramatiq never retried the boarding request"
    assert booking.port_request_id == ""
    assert fake.registered == {}
