from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from partners.client import PartnerClient
from quotes.models import PartnerQuote, QuoteRequest


@pytest.mark.django_db
def test_expire_quotes():
    old = QuoteRequest.objects.create(reference="CW-2411-0001", product_line="motor", customer_name="A",
                                      customer_email="a@example.org")
    QuoteRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    out = StringIO()

    call_command("expire_quotes", stdout=out)

    assert "expired 1 quote request(s)" in out.getvalue()
    old.refresh_from_db()
    assert old.status == QuoteRequest.Status.EXPIRED


def test_check_partners_fails_when_one_is_down(monkeypatch, partner):
    monkeypatch.setattr(PartnerClient, "ping", lambda self: False)

    with pytest.raises(CommandError, match="harbour"):
        call_command("check_partners", stdout=StringIO())


def test_sync_partner_catalogues_queues_one_message_per_partner(stub_broker, partner):
    out = StringIO()
    call_command("sync_partner_catalogues", stdout=out)
    assert "1 partner(s)" in out.getvalue()
    assert stub_broker.queues["default"].qsize() == 1


def test_requote_requeues_pending_quotes(stub_broker, partner):
    quote_request = QuoteRequest.objects.create(reference="CW-2501-0100", product_line="motor",
                                                customer_name="A", customer_email="a@example.org")
    PartnerQuote.objects.create(request=quote_request, partner=partner)
    out = StringIO()

    call_command("requote", "CW-2501-0100", stdout=out)

    assert "re-queued 1 partner quote(s)" in out.getvalue()
    assert stub_broker.queues["partners"].qsize() == 1
