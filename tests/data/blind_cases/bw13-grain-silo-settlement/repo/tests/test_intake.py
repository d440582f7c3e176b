from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from intake.models import Farmer, PriceNotice
from intake.services import announce_price, record_delivery


@pytest.mark.django_db
def test_delivery_docket_emailed(farmer, silo, canola, run_queued):
    delivery = record_delivery(ticket_no="RSV-30001", farmer=farmer, silo=silo, crop=canola,
                               gross_kg=38460, tare_kg=14220, moisture_pct=Decimal("12.0"))
    assert run_queued() == ["send_delivery_docket"]
    delivery.refresh_from_db()
    assert delivery.docket_sent_at is not None
    assert "Net 24,240 kg" in mail.outbox[0].body


@pytest.mark.django_db
def test_tare_above_gross_rejected(farmer, silo, canola):
    with pytest.raises(ValueError):
        record_delivery(ticket_no="RSV-30002", farmer=farmer, silo=silo, crop=canola,
                        gross_kg=14000, tare_kg=14220, moisture_pct=Decimal("8.0"))


@pytest.mark.django_db
def test_price_notice_goes_to_active_members(farmer, canola, run_queued):
    Farmer.objects.create(member_no="M-2001", name="Retired Member", email="old@example.com", active=False)
    notice = announce_price(canola, Decimal("662.50"), date(2024, 10, 1))
    assert run_queued() == ["publish_price_notice"]
    notice = PriceNotice.objects.get(pk=notice.pk)
    assert notice.recipients == 1 and notice.published_at
    assert mail.outbox[0].subject == "Canola: new co-op price 662.50 $/t"
