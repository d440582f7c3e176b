"""Acceptance tests: a nightly buyer price sync that fails (buyer API down) must not stop the next
sync from running, while two syncs running at the same time are still prevented."""
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from materials.clients.buyer import BuyerAPIError, BuyerPriceClient, Quote
from materials.jobs import sync_buyer_prices
from materials.models import Material

TUESDAY = date(2024, 5, 14)
WEDNESDAY = date(2024, 5, 15)


def failing(self, day):
    raise BuyerAPIError("GET /quotes -> HTTP 503")


def quoting(price):
    def fetch(self, day):
        return [Quote("CU-BRIGHT", day, Decimal(price))]
    return fetch


def run_tolerating_api_error(**kwargs):
    try:
        sync_buyer_prices(**kwargs)
    except BuyerAPIError:
        pass


@pytest.mark.django_db
def test_sync_after_a_failed_sync_runs(materials, monkeypatch):
    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", failing)
    run_tolerating_api_error(day=TUESDAY)

    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", quoting("7811.00"))
    sync_buyer_prices(day=WEDNESDAY)

    assert Material.objects.get(code="CU-BRIGHT").buyer_price_per_tonne == Decimal("7811.00")


@pytest.mark.django_db
def test_several_failed_nights_then_recovery(materials, monkeypatch):
    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", failing)
    for day in range(14, 17):
        run_tolerating_api_error(day=date(2024, 5, day))

    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", quoting("7790.00"))
    sync_buyer_prices(day=date(2024, 5, 17))
    assert Material.objects.get(code="CU-BRIGHT").buyer_price_per_tonne == Decimal("7790.00")


@pytest.mark.django_db
def test_manual_rerun_from_run_job_after_failure(materials, monkeypatch):
    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", failing)
    try:
        call_command("run_job", "sync_buyer_prices", stdout=StringIO())
    except BuyerAPIError:
        pass

    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", quoting("7733.00"))
    call_command("run_job", "sync_buyer_prices", stdout=StringIO())
    assert Material.objects.get(code="CU-BRIGHT").buyer_price_per_tonne == Decimal("7733.00")


@pytest.mark.django_db
def test_overlapping_sync_is_still_skipped(materials, monkeypatch):
    fetches = []
    inner = []

    def fetch(self, day):
        fetches.append(day)
        if len(fetches) == 1:
            # a manual run started while the nightly one is still talking to the buyer
            inner.append(sync_buyer_prices(day=day))
            inner.append(sync_buyer_prices(day=day))
        return [Quote("CU-BRIGHT", day, Decimal("7650.00"))]

    monkeypatch.setattr(BuyerPriceClient, "fetch_quotes", fetch)
    sync_buyer_prices(day=TUESDAY)
    assert len(fetches) == 1, "a second sync ran while the first was still running"

    sync_buyer_prices(day=WEDNESDAY)
    assert len(fetches) == 2, "the sync after a finished run was skipped"
