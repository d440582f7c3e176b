"""Acceptance tests: a partner insurer whose API is down (5xx, refused connection) is asked again by the
Dramatiq worker until it answers; a partner that stays down is eventually shown as unavailable, so the quote
request does not hang in "collecting". Runs the real actors on the StubBroker with a Worker, against a local
fake partner API served over HTTP.
"""
import json
import socket
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import dramatiq
import pytest

from partners.models import Partner
from quotes.actors import fetch_partner_quote
from quotes.models import PartnerQuote, QuoteRequest

QUOTED = (200, {"decision": "quoted", "quote_id": "HM-4711", "premium": "512.40", "currency": "GBP",
                "valid_until": "2031-01-31T23:59:00+00:00"})
DOWN = (503, {"error": "service unavailable"})
DECLINED = (200, {"decision": "declined", "reason": "no cover for this postcode"})
BAD_REQUEST = (422, {"error": "risk.vehicle.registration is required"})


class FakePartnerAPI:
    def __init__(self):
        self.script = []
        self.then = QUOTED
        self.quote_calls = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/").endswith("/quotes"):
                    api.quote_calls.append(body)
                    status, answer = api.script.pop(0) if api.script else api.then
                else:
                    status, answer = 404, {"error": "not found"}
                raw = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def partner_api():
    api = FakePartnerAPI()
    yield api
    api.close()


@pytest.fixture
def broker():
    from coverwise.broker import broker

    broker.flush_all()
    yield broker
    broker.flush_all()


@pytest.fixture
def worker(broker):
    worker = dramatiq.Worker(broker, worker_timeout=50, worker_threads=1)
    worker.start()
    yield worker
    worker.stop()


def make_partner_quote(base_url):
    partner = Partner.objects.create(code="harbour", name="Harbour Mutual", base_url=base_url,
                                     product_lines=["motor"], timeout_seconds=2)
    quote_request = QuoteRequest.objects.create(
        reference="CW-2502-7F3A1C", product_line="motor", customer_name="Ana Silva",
        customer_email="ana@example.org",
        risk={"vehicle": {"registration": "AB12CDE", "value": 8500}, "driver": {"age": 41}},
    )
    return PartnerQuote.objects.create(request=quote_request, partner=partner)


def run_worker(broker, worker, partner_quote):
    fetch_partner_quote.send(partner_quote.pk)
    broker.join("partners", fail_fast=False, timeout=30_000)
    worker.join()
    partner_quote.refresh_from_db()
    partner_quote.request.refresh_from_db()
    return partner_quote


@pytest.mark.django_db(transaction=True)
def test_partner_outage_is_retried_until_the_quote_arrives(partner_api, broker, worker):
    partner_api.script = [DOWN, DOWN]
    partner_quote = make_partner_quote(partner_api.base_url)

    partner_quote = run_worker(broker, worker, partner_quote)

    assert len(partner_api.quote_calls) == 3, (
        f"partner answered 503 twice, expected 3 calls in all, got {len(partner_api.quote_calls)}"
    )
    assert partner_quote.status == PartnerQuote.Status.QUOTED
    assert partner_quote.premium == Decimal("512.40")
    assert partner_quote.partner_quote_id == "HM-4711"
    assert partner_quote.request.status == QuoteRequest.Status.READY


@pytest.mark.django_db(transaction=True)
def test_refused_connection_is_retried(broker, worker):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    partner_quote = make_partner_quote(f"http://127.0.0.1:{port}/v1/")

    partner_quote = run_worker(broker, worker, partner_quote)

    assert partner_quote.attempts > 1, "a refused connection was never retried"
    assert partner_quote.status != PartnerQuote.Status.PENDING
    assert partner_quote.request.status != QuoteRequest.Status.COLLECTING


@pytest.mark.django_db(transaction=True)
def test_partner_that_stays_down_is_marked_unavailable_after_bounded_retries(partner_api, broker, worker):
    partner_api.then = DOWN
    partner_quote = make_partner_quote(partner_api.base_url)

    partner_quote = run_worker(broker, worker, partner_quote)

    assert 1 < len(partner_api.quote_calls) <= 20, f"partner was called {len(partner_api.quote_calls)}x"
    assert partner_quote.status == PartnerQuote.Status.UNAVAILABLE
    assert partner_quote.premium is None
    assert partner_quote.request.status == QuoteRequest.Status.READY


@pytest.mark.django_db(transaction=True)
def test_decline_is_final_and_not_retried(partner_api, broker, worker):
    partner_api.script = [DECLINED]
    partner_quote = make_partner_quote(partner_api.base_url)

    partner_quote = run_worker(broker, worker, partner_quote)

    assert len(partner_api.quote_calls) == 1
    assert partner_quote.status == PartnerQuote.Status.DECLINED
    assert partner_quote.decline_reason == "no cover for this postcode"
    assert partner_quote.request.status == QuoteRequest.Status.READY


@pytest.mark.django_db(transaction=True)
def test_rejected_request_is_not_retried(partner_api, broker, worker):
    partner_api.script = [BAD_REQUEST]
    partner_quote = make_partner_quote(partner_api.base_url)

    partner_quote = run_worker(broker, worker, partner_quote)

    assert len(partner_api.quote_calls) == 1
    assert partner_quote.status == PartnerQuote.Status.ERROR
    assert partner_quote.request.status == QuoteRequest.Status.READY
