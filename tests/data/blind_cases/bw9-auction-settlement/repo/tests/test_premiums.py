from decimal import Decimal

import pytest

from catalogue.increments import increment_at, is_acceptable, next_bid
from settlement.premiums import buyers_premium, seller_commission, vat_on

D = Decimal


@pytest.mark.parametrize(
    "hammer, expected",
    [
        ("100", "25.00"),
        ("20000", "5000.00"),
        ("30000", "7000.00"),  # 5000 on the first 20k + 20% of 10k
        ("600000", "115000.00"),  # 5000 + 96000 + 14% of 100k
    ],
)
def test_standard_premium_is_marginal(hammer, expected):
    assert buyers_premium(D(hammer)) == D(expected)


def test_charity_premium_is_flat():
    assert buyers_premium(D("1234"), "charity") == D("123.40")


def test_unknown_schedule_is_rejected():
    with pytest.raises(ValueError):
        buyers_premium(D("10"), "vip")


def test_vat_only_when_not_exempt():
    assert vat_on(D("25.00"), D("0.20")) == D("5.00")
    assert vat_on(D("25.00"), D("0.20"), exempt=True) == D("0.00")


def test_commission_minimum_and_cap():
    assert seller_commission(D("1000"), D("0.15"), D("15")) == D("150.00")
    assert seller_commission(D("40"), D("0.15"), D("15")) == D("15.00")
    assert seller_commission(D("10"), D("0.15"), D("15")) == D("10.00")


def test_increments():
    assert increment_at(D("0")) == D("5")
    assert increment_at(D("950")) == D("50")
    assert next_bid(D("1000")) == D("1100")
    assert is_acceptable(None, D("80"), opening=D("80"))
    assert not is_acceptable(D("200"), D("210"))
    assert is_acceptable(D("200"), D("220"))
