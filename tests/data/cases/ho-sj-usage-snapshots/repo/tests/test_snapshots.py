from datetime import date, datetime, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from billing.bills import bill_month
from metering.ingest import ingest_batch
from metering.models import Reading, UsageSnapshot
from metering.snapshots import build_snapshots, usage_for_day


@pytest.mark.django_db
def test_usage_for_day_uses_local_midnight(meter, add_reading):
    add_reading(meter, 2024, 4, 9, 0, "1.5")
    add_reading(meter, 2024, 4, 9, 23, "2.0")
    add_reading(meter, 2024, 4, 10, 0, "9.0")
    assert usage_for_day(meter, date(2024, 4, 9)) == (Decimal("3.5"), 2)


@pytest.mark.django_db
def test_build_snapshots_creates_one_per_meter(meter, add_reading):
    add_reading(meter, 2024, 4, 9, 8, "4.25")
    assert build_snapshots(date(2024, 4, 9)) == 1
    snap = UsageSnapshot.objects.get()
    assert snap.kwh == Decimal("4.25") and snap.readings == 1


@pytest.mark.django_db
def test_command_with_date(meter, add_reading):
    add_reading(meter, 2024, 4, 9, 8, "1")
    out = StringIO()
    call_command("build_usage_snapshots", "--date", "2024-04-09", stdout=out)
    assert "snapshots for 2024-04-09: 1 meter(s)" in out.getvalue()


@pytest.mark.django_db
def test_bill_month(meter, add_reading, settings):
    settings.TARIFF_CENTS_PER_KWH = 20
    add_reading(meter, 2024, 4, 9, 8, "10")
    build_snapshots(date(2024, 4, 9))
    [bill] = bill_month(date(2024, 4, 15))
    assert bill.kwh == Decimal("10") and bill.amount_cents == 200


@pytest.mark.django_db
def test_ingest_dedups_resent_readings():
    batch = [{"serial": "ES-9", "customer": "C-1", "taken_at": "2024-04-09T08:00:00+02:00", "kwh": 1.2}]
    assert ingest_batch(batch) == 1
    assert ingest_batch(batch) == 0
    assert Reading.objects.count() == 1
