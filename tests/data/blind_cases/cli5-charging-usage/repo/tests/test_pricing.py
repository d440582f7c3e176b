from datetime import datetime, timedelta, timezone as dt_timezone
from decimal import Decimal
from types import SimpleNamespace

from charging.pricing import energy_cost, idle_fee, idle_minutes

CHARGER = SimpleNamespace(price_per_kwh=Decimal("0.5900"), idle_fee_per_minute=Decimal("0.100"),
                          idle_grace_minutes=60)
T0 = datetime(2024, 3, 5, 18, 0, tzinfo=dt_timezone.utc)


def test_energy_cost_rounds_to_cents():
    assert energy_cost(CHARGER, 12_345) == Decimal("7.28")


def test_tiny_sessions_are_free():
    assert energy_cost(CHARGER, 150) == Decimal("0.00")


def test_idle_fee_after_grace_period():
    assert idle_minutes(CHARGER, T0, T0 + timedelta(minutes=95)) == 35
    assert idle_fee(CHARGER, T0, T0 + timedelta(minutes=95)) == Decimal("3.50")


def test_no_idle_fee_without_plug_out_time():
    assert idle_fee(CHARGER, T0, None) == Decimal("0.00")
