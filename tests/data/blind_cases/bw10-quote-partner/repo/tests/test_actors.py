from decimal import Decimal

import pytest

from partners.actors import sync_partner_products
from partners.client import PartnerClient, PartnerUnavailable, ProductInfo, QuoteOffer
from partners.models import PartnerProduct
from quotes.actors import bind_policy, fetch_partner_quote
from quotes.models import PartnerQuote, Policy, QuoteRequest


@pytest.fixture
def quote_request(db):
    return QuoteRequest.objects.create(
        reference="CW-2501-0042", product_line="home", customer_name="Tom Reyes",
        customer_email="tom@example.org", risk={"property": {"postcode": "BS1 4DJ", "bedrooms": 3}},
    )


@pytest.mark.django_db(transaction=True)
def test_worker_collects_a_quote(monkeypatch, stub_broker, stub_worker, partner, quote_request):
    offer = QuoteOffer(decision="quoted", quote_id="HM-1", premium=Decimal("210.00"), currency="GBP")
    monkeypatch.setattr(PartnerClient, "request_quote", lambda self, payload: offer)
    pq = PartnerQuote.objects.create(request=quote_request, partner=partner)

    fetch_partner_quote.send(pq.pk)
    stub_broker.join("partners")
    stub_worker.join()

    pq.refresh_from_db()
    assert pq.status == PartnerQuote.Status.QUOTED
    assert pq.premium == Decimal("210.00")


def test_settled_quote_is_not_asked_again(monkeypatch, partner, quote_request):
    def must_not_call(self, payload):
        raise AssertionError("partner called for a settled quote")

    monkeypatch.setattr(PartnerClient, "request_quote", must_not_call)
    pq = PartnerQuote.objects.create(request=quote_request, partner=partner, status=PartnerQuote.Status.DECLINED)

    fetch_partner_quote(pq.pk)


@pytest.mark.django_db(transaction=True)
def test_catalogue_sync(monkeypatch, stub_broker, stub_worker, partner):
    PartnerProduct.objects.create(partner=partner, code="home-legacy", name="Home (old)", product_line="home")
    monkeypatch.setattr(PartnerClient, "list_products", lambda self: [
        ProductInfo(code="motor-std", name="Motor Standard", product_line="motor", available=True),
        ProductInfo(code="home-plus", name="Home Plus", product_line="home", available=True),
    ])

    sync_partner_products.send(partner.pk)
    stub_broker.join("default")
    stub_worker.join()

    available = set(partner.products.filter(is_available=True).values_list("code", flat=True))
    assert available == {"motor-std", "home-plus"}
    partner.refresh_from_db()
    assert partner.last_catalogue_sync is not None


def test_catalogue_sync_raises_when_partner_is_down(monkeypatch, partner):
    def down(self):
        raise PartnerUnavailable("harbour: HTTP 503")

    monkeypatch.setattr(PartnerClient, "list_products", down)

    with pytest.raises(PartnerUnavailable):
        sync_partner_products(partner.pk)


@pytest.fixture
def chosen_quote(partner, quote_request):
    return PartnerQuote.objects.create(request=quote_request, partner=partner, status=PartnerQuote.Status.QUOTED,
                                       premium=Decimal("210.00"), currency="GBP", partner_quote_id="HM-1")


def test_bind_policy(monkeypatch, chosen_quote):
    calls = []

    def accept(self, quote_id, *, idempotency_key):
        calls.append((quote_id, idempotency_key))
        return "HM-POL-555"

    monkeypatch.setattr(PartnerClient, "accept_quote", accept)
    policy = Policy.objects.create(partner_quote=chosen_quote)

    bind_policy(policy.pk)

    policy.refresh_from_db()
    assert policy.status == Policy.Status.BOUND
    assert policy.policy_number == "HM-POL-555"
    assert calls == [("HM-1", str(policy.idempotency_key))]
    assert QuoteRequest.objects.get(pk=chosen_quote.request_id).status == QuoteRequest.Status.BOUND


def test_failed_bind_goes_to_manual_review(monkeypatch, chosen_quote):
    def timeout(self, quote_id, *, idempotency_key):
        raise PartnerUnavailable("harbour: timed out")

    monkeypatch.setattr(PartnerClient, "accept_quote", timeout)
    policy = Policy.objects.create(partner_quote=chosen_quote)

    bind_policy(policy.pk)

    policy.refresh_from_db()
    assert policy.status == Policy.Status.BIND_FAILED
    assert "timed out" in policy.last_error
