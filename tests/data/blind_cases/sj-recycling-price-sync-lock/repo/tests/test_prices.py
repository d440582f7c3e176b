from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from materials.clients.buyer import BuyerPriceClient, Quote
from materials.jobs import expire_stale_prices, sync_buyer_prices
from materials.models import Material, PriceHistory
from materials.pricing import payout_per_kg

DAY = date(2024, 5, 14)


@pytest.mark.django_db
def test_sync_updates_prices(materials, monkeypatch):
    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", lambda self, day: [
        Quote("CU-BRIGHT", day, Decimal("7702.50")),
        Quote("AL-CAST", day, Decimal("1165.00")),
        Quote("ZN-DIE", day, Decimal("1900.00")),  # grade we don't buy
    ])
    assert sync_buyer_prices(day=DAY) == 2
    assert Material.objects.get(code="CU-BRIGHT").buyer_price_per_tonne == Decimal("7702.50")
    assert Material.objects.get(code="BRASS-MIX").buyer_price_per_tonne == Decimal("4210.00")
    assert PriceHistory.objects.filter(quoted_on=DAY).count() == 2


@pytest.mark.django_db
def test_sync_twice_same_day_keeps_one_history_row(materials, monkeypatch):
    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", lambda self, day: [Quote("CU-BRIGHT", day, Decimal("7700"))])
    sync_buyer_prices(day=DAY)
    sync_buyer_prices(day=DAY)
    assert PriceHistory.objects.count() == 1


def test_payout_per_kg():
    material = Material(code="CU-BRIGHT", buyer_price_per_tonne=Decimal("7650.00"))
    assert payout_per_kg(material) == Decimal("6.27")
    assert payout_per_kg(Material(code="X")) is None


@pytest.mark.django_db
def test_expire_stale_prices(materials):
    now = datetime(2024, 5, 14, 6, 0, tzinfo=dt_timezone.utc)
    Material.objects.filter(code="AL-CAST").update(price_updated_at=now - timedelta(days=5))
    Material.objects.exclude(code="AL-CAST").update(price_updated_at=now - timedelta(hours=4))
    assert expire_stale_prices(now=now) == 1
    assert list(Material.objects.filter(accepting=False).values_list("code", flat=True)) == ["AL-CAST"]


@pytest.mark.django_db
def test_run_job_unknown():
    with pytest.raises(CommandError, match="unknown job"):
        call_command("run_job", "sync_prices", stdout=StringIO())


def test_scheduler_has_all_jobs():
    from depotline.scheduler import build_scheduler

    ids = {job.id for job in build_scheduler().get_jobs()}
    assert ids == {"sync_buyer_prices", "expire_stale_prices", "close_open_tickets", "daily_tonnage_summary"}
