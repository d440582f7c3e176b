from datetime import date
from decimal import Decimal

import pytest

from hire import pricing
from hire.models import RentalLine

from .conftest import london


def test_hire_days_counts_started_days():
    assert pricing.hire_days(london(2024, 5, 10, 9, 0), london(2024, 5, 10, 17, 0)) == 1
    assert pricing.hire_days(london(2024, 5, 10, 9, 0), london(2024, 5, 11, 9, 0)) == 1
    assert pricing.hire_days(london(2024, 5, 10, 9, 0), london(2024, 5, 13, 17, 0)) == 4
    with pytest.raises(ValueError):
        pricing.hire_days(london(2024, 5, 10, 9, 0), london(2024, 5, 10, 9, 0))


def test_hire_charge_with_trade_discount():
    lines = [RentalLine(day_rate=Decimal("24.00"), quantity=2), RentalLine(day_rate=Decimal("12.50"), quantity=1)]
    assert pricing.daily_rate(lines) == Decimal("60.50")
    assert pricing.hire_charge(lines, london(2024, 5, 10, 9), london(2024, 5, 12, 9)) == Decimal("121.00")
    assert pricing.hire_charge(lines, london(2024, 5, 10, 9), london(2024, 5, 12, 9), 15) == Decimal("102.85")


def test_back_within_grace_or_on_the_due_day_is_not_late():
    due = london(2024, 5, 13, 17, 0)
    assert pricing.late_days(due, london(2024, 5, 13, 17, 45)) == []
    assert pricing.late_days(due, london(2024, 5, 13, 19, 30)) == []


def test_late_days_skip_sundays():
    due = london(2024, 5, 10, 17, 0)  # Friday
    assert pricing.late_days(due, london(2024, 5, 13, 9, 0)) == [date(2024, 5, 11), date(2024, 5, 13)]


def test_late_days_use_local_dates_across_midnight_utc():
    due = london(2024, 5, 13, 17, 0)
    # 00:30 in London on the 15th is still the 14th in UTC
    assert pricing.late_days(due, london(2024, 5, 15, 0, 30)) == [date(2024, 5, 14), date(2024, 5, 15)]


@pytest.mark.django_db
def test_late_day_charges(make_rental):
    rental = make_rental([("SAW", 1), ("LAD", 2)])
    fees = pricing.late_day_charges(rental, london(2024, 5, 15, 10, 0))
    assert fees == {date(2024, 5, 14): Decimal("49.00"), date(2024, 5, 15): Decimal("49.00")}
    assert pricing.late_day_charges(rental, london(2024, 5, 13, 17, 30)) == {}
