import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from messaging.models import OutboundMessage
from pharmacy.models import DailyStoreStats, Fill
from pharmacy.services import FillService
from pharmacy.tasks import (
    rebuild_daily_store_stats,
    return_unclaimed_fills_to_stock,
    send_pickup_notices,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_fill(make_rx, today):
    rx = make_rx(due_in_days=0)
    fills = FillService()
    fill = fills.record_fill(rx, filled_on=today, quantity=Decimal("30"))
    fills.mark_ready(fill)
    return fill


def test_pickup_notice_sent_once_even_if_job_runs_again(ready_fill):
    send_pickup_notices()
    send_pickup_notices()

    assert OutboundMessage.objects.filter(category="pickup_ready").count() == 1
    ready_fill.refresh_from_db()
    assert ready_fill.pickup_sms_sent_at is not None


def test_picked_up_fill_gets_no_notice(ready_fill):
    FillService().mark_picked_up(ready_fill)

    send_pickup_notices()

    assert not OutboundMessage.objects.filter(category="pickup_ready").exists()


def test_unclaimed_fills_go_back_to_stock(ready_fill):
    Fill.objects.filter(pk=ready_fill.pk).update(ready_at=timezone.now() - datetime.timedelta(days=11))

    return_unclaimed_fills_to_stock()
    return_unclaimed_fills_to_stock()

    ready_fill.refresh_from_db()
    assert ready_fill.status == Fill.Status.RETURNED
    assert ready_fill.returned_at is not None


def test_daily_stats_rebuild_is_repeatable(ready_fill, store, today):
    yesterday = today - datetime.timedelta(days=1)
    Fill.objects.filter(pk=ready_fill.pk).update(filled_on=yesterday)

    rebuild_daily_store_stats()
    rebuild_daily_store_stats()

    stats = DailyStoreStats.objects.get(store=store)
    assert stats.day == yesterday
    assert stats.fills == 1
