"""Acceptance: the 00:30 (Asia/Tokyo) close handles the day that just ended; daytime runs close yesterday."""
from datetime import date, datetime, timezone as dt_timezone
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from stores.models import Sale, Store
from takings.models import DailyTakings

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def sales(db):
    store = Store.objects.create(code="SHB", name="Shibuya")
    for i, (d, hh, yen) in enumerate([(3, 20, 1000), (4, 9, 2000), (4, 23, 3000), (5, 0, 50)]):
        Sale.objects.create(store=store, receipt_no=f"R{i}", total_yen=yen,
                            sold_at=datetime(2024, 6, d, hh, 15, tzinfo=TOKYO))
    return store


def run_at(monkeypatch, when):
    monkeypatch.setattr(timezone, "now", lambda: when.astimezone(dt_timezone.utc))
    out = StringIO()
    call_command("close_business_day", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_nightly_run_just_after_local_midnight(sales, monkeypatch):
    out = run_at(monkeypatch, datetime(2024, 6, 5, 0, 30, tzinfo=TOKYO))
    assert "closed 2024-06-04" in out
    row = DailyTakings.objects.get()
    assert row.business_day == date(2024, 6, 4) and row.gross_yen == 5000
    assert mail.outbox[-1].subject == "Takings for Tue 04 Jun 2024"


@pytest.mark.django_db
def test_daytime_manual_run_closes_yesterday(sales, monkeypatch):
    run_at(monkeypatch, datetime(2024, 6, 5, 10, 0, tzinfo=TOKYO))
    assert DailyTakings.objects.get().business_day == date(2024, 6, 4)


@pytest.mark.django_db
def test_late_evening_run(sales, monkeypatch):
    run_at(monkeypatch, datetime(2024, 6, 4, 23, 59, tzinfo=TOKYO))
    assert DailyTakings.objects.get().business_day == date(2024, 6, 3)
