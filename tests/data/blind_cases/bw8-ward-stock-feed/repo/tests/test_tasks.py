from datetime import datetime, timezone as dt_timezone

import pytest
from django.core import mail

from pharmacy.feeds.client import FeedUnavailable
from pharmacy.models import DispensingEvent, LowStockAlert, StockLevel
from pharmacy.tasks import push_dispensing_batch, refresh_all_wards, sync_ward_stock


@pytest.mark.django_db
def test_sync_ward_stock_task_mirrors_feed_and_alerts(stocked_icu, feed):
    feed.get = lambda path: {"lines": [{"item": "MOR10", "qty": 4, "par": 10}]}

    assert sync_ward_stock.delay("ICU").get() == 1

    assert StockLevel.objects.get(ward=stocked_icu).quantity == 4
    assert LowStockAlert.objects.filter(ward=stocked_icu).count() == 1
    assert len(mail.outbox) == 1 and "Morphine" in mail.outbox[0].body


@pytest.mark.django_db
def test_refresh_all_wards_fans_out(stocked_icu, feed):
    feed.get = lambda path: {"lines": []}
    assert refresh_all_wards.delay().get() == 1
    assert feed.calls == [("GET", "/wards/ICU/stock")]


@pytest.mark.django_db
def test_push_dispensing_retries_until_feed_accepts(stocked_icu, morphine, feed):
    event = DispensingEvent.objects.create(ward=stocked_icu, drug=morphine, quantity=1, patient_ref="P-0042",
                                           dispensed_at=datetime(2024, 5, 2, 3, 10, tzinfo=dt_timezone.utc))
    attempts = {"n": 0}

    def post(path, body):
        attempts["n"] += 1
        if attempts["n"] < 3:
            raise FeedUnavailable("HTTP 503")
        return {"accepted": [e["id"] for e in body["events"]]}

    feed.post = post
    push_dispensing_batch.delay("ICU")

    assert attempts["n"] == 3
    event.refresh_from_db()
    assert event.pushed_at is not None
