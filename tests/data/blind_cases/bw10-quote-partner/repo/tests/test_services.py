from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from partners.client import PartnerClient, PartnerRejected, QuoteOffer
from partners.models import Partner
from quotes import services
from quotes.models import PartnerQuote, QuoteRequest

RISK = {"vehicle": {"registration": "AB12CDE", "value": 8500}, "driver": {"age": 41, "claims": 0}}


@pytest.fixture
def quote_request(db):
    return QuoteRequest.objects.create(
        reference="CW-2501-0001", product_line="motor", customer_name="Ana Silva",
        customer_email="ana@example.org", risk=RISK,
    )


@pytest.mark.django_db
def test_open_quote_request_asks_every_partner_writing_the_line(stub_broker, django_capture_on_commit_callbacks):
    Partner.objects.create(code="harbour", name="Harbour", base_url="https://h.test/", product_lines=["motor"])
    Partner.objects.create(code="oakhill", name="Oakhill", base_url="https://o.test/", product_lines=["home"])
    Partner.objects.create(code="brent", name="Brent", base_url="https://b.test/", product_lines=["motor"],
                           is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        quote_request = services.open_quote_request(
            product_line="motor", customer_name="Ana Silva", customer_email="ana@example.org", risk=RISK
        )

    assert quote_request.status == QuoteRequest.Status.COLLECTING
    assert [pq.partner.code for pq in quote_request.partner_quotes.all()] == ["harbour"]
    assert stub_broker.queues["partners"].qsize() == 1


@pytest.mark.django_db
def test_request_without_partners_is_ready_at_once(stub_broker):
    quote_request = services.open_quote_request(
        product_line="home", customer_name="Ana Silva", customer_email="ana@example.org", risk={}
    )
    assert quote_request.status == QuoteRequest.Status.READY


def test_quote_is_recorded(monkeypatch, partner, quote_request):
    pq = PartnerQuote.objects.create(request=quote_request, partner=partner)
    offer = QuoteOffer(decision="quoted", quote_id="HM-77", premium=Decimal("388.20"), currency="GBP")
    monkeypatch.setattr(PartnerClient, "request_quote", lambda self, payload: offer)

    services.collect_partner_quote(pq)

    pq.refresh_from_db()
    assert pq.status == PartnerQuote.Status.QUOTED
    assert pq.premium == Decimal("388.20")
    assert pq.partner_quote_id == "HM-77"
    assert pq.attempts == 1
    quote_request.refresh_from_db()
    assert quote_request.status == QuoteRequest.Status.READY


def test_decline_is_recorded(monkeypatch, partner, quote_request):
    pq = PartnerQuote.objects.create(request=quote_request, partner=partner)
    offer = QuoteOffer(decision="declined", reason="driver under 25")
    monkeypatch.setattr(PartnerClient, "request_quote", lambda self, payload: offer)

    services.collect_partner_quote(pq)

    pq.refresh_from_db()
    assert pq.status == PartnerQuote.Status.DECLINED
    assert pq.decline_reason == "driver under 25"


def test_rejection_is_recorded_as_error(monkeypatch, partner, quote_request):
    pq = PartnerQuote.objects.create(request=quote_request, partner=partner)

    def reject(self, payload):
        raise PartnerRejected(422, "risk.vehicle.value must be positive")

    monkeypatch.setattr(PartnerClient, "request_quote", reject)

    services.collect_partner_quote(pq)

    pq.refresh_from_db()
    assert pq.status == PartnerQuote.Status.ERROR
    assert "422" in pq.last_error


def test_request_stays_collecting_while_a_partner_is_pending(partner, quote_request):
    other = Partner.objects.create(code="oakhill", name="Oakhill", base_url="https://o.test/",
                                   product_lines=["motor"])
    first = PartnerQuote.objects.create(request=quote_request, partner=partner)
    PartnerQuote.objects.create(request=quote_request, partner=other)

    services.settle_partner_quote(first, status=PartnerQuote.Status.DECLINED, decline_reason="no")

    quote_request.refresh_from_db()
    assert quote_request.status == QuoteRequest.Status.COLLECTING


def test_expire_stale_requests(quote_request):
    old = QuoteRequest.objects.create(reference="CW-2412-0009", product_line="home", customer_name="B",
                                      customer_email="b@example.org", status=QuoteRequest.Status.READY)
    QuoteRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=45))

    assert services.expire_stale_requests() == 1

    old.refresh_from_db()
    quote_request.refresh_from_db()
    assert old.status == QuoteRequest.Status.EXPIRED
    assert quote_request.status == QuoteRequest.Status.COLLECTING
