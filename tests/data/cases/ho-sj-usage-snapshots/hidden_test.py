"""Acceptance: the usage snapshot job can run any number of times for a day; one snapshot per meter and day."""
from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from billing.bills import bill_month
from metering.models import Meter, Reading, UsageSnapshot
from metering.snapshots import build_snapshots

MADRID = ZoneInfo("Europe/Madrid")
DAY = date(2024, 4, 9)


@pytest.fixture
def meters(db):
    a = Meter.objects.create(serial="ES-0412", customer_ref="C-1")
    b = Meter.objects.create(serial="ES-0413", customer_ref="C-2")
    for hh, kwh in ((1, "2.5"), (13, "3.0")):
        Reading.objects.create(meter=a, taken_at=datetime(2024, 4, 9, hh, tzinfo=MADRID), kwh=Decimal(kwh))
    Reading.objects.create(meter=b, taken_at=datetime(2024, 4, 9, 7, tzinfo=MADRID), kwh=Decimal("1.0"))
    return a, b


@pytest.mark.django_db
def test_rerunning_a_day_keeps_one_snapshot_per_meter(meters):
    call_command("build_usage_snapshots", "--date", "2024-04-09", stdout=StringIO())
    call_command("build_usage_snapshots", "--date", "2024-04-09", stdout=StringIO())
    build_snapshots(DAY, run_at=datetime(2024, 4, 10, 6, 41, tzinfo=dt_timezone.utc))
    for meter in meters:
        assert UsageSnapshot.objects.filter(meter=meter, day=DAY).count() == 1


@pytest.mark.django_db
def test_rerun_picks_up_late_readings(meters):
    a, _ = meters
    build_snapshots(DAY, run_at=datetime(2024, 4, 10, 0, 20, tzinfo=dt_timezone.utc))
    Reading.objects.create(meter=a, taken_at=datetime(2024, 4, 9, 20, tzinfo=MADRID), kwh=Decimal("4.5"))
    build_snapshots(DAY, run_at=datetime(2024, 4, 10, 6, 41, tzinfo=dt_timezone.utc))
    snap = UsageSnapshot.objects.get(meter=a, day=DAY)
    assert snap.kwh == Decimal("10.0") and snap.readings == 3


@pytest.mark.django_db
def test_monthly_bill_counts_each_day_once(meters, settings):
    settings.TARIFF_CENTS_PER_KWH = 20
    for hours in (0, 6, 7):
        build_snapshots(DAY, run_at=datetime(2024, 4, 10, hours, tzinfo=dt_timezone.utc))
    build_snapshots(DAY + timedelta(days=1))
    bills = {b.meter.serial: b for b in bill_month(date(2024, 4, 1))}
    assert bills["ES-0412"].kwh == Decimal("5.5")
    assert bills["ES-0413"].kwh == Decimal("1.0")
