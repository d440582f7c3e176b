import io
from decimal import Decimal
from urllib.error import HTTPError, URLError

import pytest

from partners import client as client_module
from partners.client import PartnerClient, PartnerRejected, PartnerUnavailable, QuoteOffer


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def answer(body: bytes):
    def fake_urlopen(request, timeout):
        fake_urlopen.requests.append(request)
        return FakeResponse(body)

    fake_urlopen.requests = []
    return fake_urlopen


def http_error(code, body=b""):
    def fake_urlopen(request, timeout):
        raise HTTPError(request.full_url, code, "error", {}, io.BytesIO(body))

    return fake_urlopen


@pytest.fixture
def api():
    return PartnerClient("https://api.partner.test/v1", api_key="secret", timeout=3, partner_code="acme")


def test_quoted_offer_is_parsed():
    offer = QuoteOffer.from_response(
        {"decision": "quoted", "quote_id": "Q-1", "premium": 412.5, "currency": "GBP",
         "valid_until": "2025-03-01T12:00:00+00:00"}
    )
    assert not offer.declined
    assert offer.premium == Decimal("412.50")
    assert offer.quote_id == "Q-1"
    assert offer.valid_until.year == 2025


def test_declined_offer_is_parsed():
    offer = QuoteOffer.from_response({"decision": "declined", "reason": "no cover for this postcode"})
    assert offer.declined
    assert offer.reason == "no cover for this postcode"


def test_offer_without_premium_is_rejected():
    with pytest.raises(PartnerRejected):
        QuoteOffer.from_response({"decision": "quoted", "quote_id": "Q-1"})


def test_request_quote_posts_json_with_auth(monkeypatch, api):
    fake = answer(b'{"decision": "quoted", "quote_id": "Q-9", "premium": "99.99", "currency": "GBP"}')
    monkeypatch.setattr(client_module, "urlopen", fake)

    offer = api.request_quote({"reference": "CW-1-acme", "product_line": "motor", "risk": {}})

    assert offer.premium == Decimal("99.99")
    request = fake.requests[0]
    assert request.full_url == "https://api.partner.test/v1/quotes"
    assert request.get_method() == "POST"
    assert request.get_header("Authorization") == "Bearer secret"


def test_bad_request_is_a_rejection(monkeypatch, api):
    monkeypatch.setattr(client_module, "urlopen", http_error(422, b'{"error": "vehicle.registration missing"}'))

    with pytest.raises(PartnerRejected) as info:
        api.request_quote({"reference": "CW-1-acme"})
    assert info.value.status == 422


def test_server_errors_are_unavailable(monkeypatch, api):
    monkeypatch.setattr(client_module, "urlopen", http_error(503))

    with pytest.raises(PartnerUnavailable):
        api.list_products()


def test_connection_errors_are_unavailable(monkeypatch, api):
    def refused(request, timeout):
        raise URLError(ConnectionRefusedError(111, "Connection refused"))

    monkeypatch.setattr(client_module, "urlopen", refused)

    with pytest.raises(PartnerUnavailable):
        api.list_products()


def test_ping_reports_down_partner(monkeypatch, api):
    monkeypatch.setattr(client_module, "urlopen", http_error(502))
    assert api.ping() is False

    monkeypatch.setattr(client_module, "urlopen", answer(b'{"status": "ok"}'))
    assert api.ping() is True
