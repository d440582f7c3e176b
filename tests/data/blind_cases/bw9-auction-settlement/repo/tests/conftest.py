from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalogue.models import Bid, Bidder, Consignor, Lot, Sale


@pytest.fixture
def consignor():
    return Consignor.objects.create(account_code="C100", name="Estate of M. Hale", email="hale@example.com")


@pytest.fixture
def bidders():
    return {
        paddle: Bidder.objects.create(paddle=paddle, name=name, email=f"{name.split()[0].lower()}@example.com")
        for paddle, name in [(101, "Ada Brook"), (102, "Ben Carr"), (103, "Cleo Dunn"), (104, "Dev Eze")]
    }


@pytest.fixture
def make_sale():
    def make(code="SPRING24", status=Sale.Status.CLOSED, **extra):
        now = timezone.now()
        defaults = dict(title=f"Sale {code}", opens_at=now - timedelta(days=7), closes_at=now - timedelta(hours=1))
        defaults.update(extra)
        return Sale.objects.create(code=code, status=status, **defaults)

    return make


@pytest.fixture
def sale(make_sale):
    return make_sale()


@pytest.fixture
def bid():
    def place(lot, bidder, amount, minutes_ago=30, **extra):
        return Bid.objects.create(
            lot=lot, bidder=bidder, amount=Decimal(amount), placed_at=timezone.now() - timedelta(minutes=minutes_ago),
            **extra,
        )

    return place


@pytest.fixture
def lot(sale, consignor):
    def make(number, reserve=None, **extra):
        return Lot.objects.create(
            sale=sale, number=number, title=f"Lot {number}", consignor=consignor,
            reserve=Decimal(reserve) if reserve is not None else None, **extra,
        )

    return make
