"""Acceptance tests: the morning watering plan and the daily rainfall totals use the garden's
calendar day (Melbourne, midnight to midnight) for "yesterday's rain"."""
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from plots.models import Bed, Gardener
from rota.models import WateringShift
from rota.tasks import plan_daily_watering
from weather.models import DailyRainfall, RainReading
from weather.tasks import record_daily_rainfall

MEL = ZoneInfo("Australia/Melbourne")


def at(y, m, d, hh, mm):
    return datetime(y, m, d, hh, mm, tzinfo=MEL)


@pytest.fixture
def shift(db):
    gardener = Gardener.objects.create(name="Bao Tran", email="bao@example.org", joined_on=date(2022, 9, 12))
    bed = Bed.objects.create(code="C1", shared=True)
    s = WateringShift.objects.create(day=date(2024, 1, 17), gardener=gardener)
    s.beds.set([bed])
    return s


def rain(moment, mm):
    RainReading.objects.create(gauge_id="shed", recorded_at=moment, mm=Decimal(str(mm)))


def test_storm_yesterday_morning_cancels_todays_watering(shift):
    # 16 January, 07:00-07:50 Melbourne time: 14 mm
    for minute, mm in [(0, 3.0), (10, 4.5), (20, 3.5), (30, 2.0), (50, 1.0)]:
        rain(at(2024, 1, 16, 7, minute), mm)

    result = plan_daily_watering("2024-01-17")

    shift.refresh_from_db()
    assert result["cancelled"] is True
    assert Decimal(result["rain_mm"]) == Decimal("14.0")
    assert shift.status == WateringShift.Status.CANCELLED_RAIN
    assert [m.subject for m in mail.outbox] == ["[Merri Creek Community Garden] No watering today"]


def test_rain_after_midnight_does_not_count_for_yesterday(shift):
    # 16 January dry; the rain starts at 02:00 on the 17th (the shift's own day)
    rain(at(2024, 1, 17, 2, 0), 9.0)
    rain(at(2024, 1, 17, 2, 10), 6.0)

    result = plan_daily_watering("2024-01-17")

    shift.refresh_from_db()
    assert result["cancelled"] is False
    assert Decimal(result["rain_mm"]) == 0
    assert shift.status == WateringShift.Status.SCHEDULED
    assert [m.subject for m in mail.outbox] == ["[Merri Creek Community Garden] Watering today (Morning (7-9))"]


@pytest.mark.parametrize("month", [1, 7])  # summer (UTC+11) and winter (UTC+10)
def test_daily_total_is_midnight_to_midnight_local(db, month):
    rain(at(2024, month, 9, 23, 50), 5.0)
    rain(at(2024, month, 10, 0, 10), 1.2)
    rain(at(2024, month, 10, 9, 30), 0.6)
    rain(at(2024, month, 10, 23, 50), 2.0)
    rain(at(2024, month, 11, 0, 10), 7.0)

    assert record_daily_rainfall(f"2024-{month:02d}-10") == "3.8"
    row = DailyRainfall.objects.get(day=date(2024, month, 10))
    assert row.total_mm == Decimal("3.8")
    assert row.readings == 3
    assert row.peak_10min_mm == Decimal("2.0")
