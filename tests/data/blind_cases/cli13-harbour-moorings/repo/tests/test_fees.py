from datetime import date
from decimal import Decimal

import pytest

from billing.fees import season_fee


@pytest.mark.django_db
def test_full_season_on_berth_length(moor):
    assignment = moor("A1", "GBR-1001", loa="9.50")
    assert season_fee(assignment) == Decimal("1800.00")  # 10 m berth x 180


@pytest.mark.django_db
def test_longer_vessel_pays_on_its_length_plus_power(moor, make_berth):
    make_berth("C3", length="12.00", has_power=True)
    assignment = moor("C3", "GBR-1002", loa="12.40")
    assert season_fee(assignment) == Decimal("2327.00")  # 12.4 x 180 + 95


@pytest.mark.django_db
def test_late_start_and_release_are_pro_rata(moor, season):
    assignment = moor("A2", "GBR-1003", starts_on=date(2025, 7, 1))
    # 1 Jul - 31 Oct is 123 of the season's 214 days
    assert season_fee(assignment) == Decimal("1034.58")
    assignment.released_on = date(2025, 7, 31)
    assert season_fee(assignment) == Decimal("260.75")
