from datetime import date, datetime, time, timezone as dt_timezone

import pytest

from accounts.models import Customer, Route
from production.models import Product, StandingOrder


def london(day, hour, minute=0):
    """A UTC datetime for ``hour:minute`` London time on ``day`` (BST in summer)."""
    from zoneinfo import ZoneInfo
    return datetime.combine(day, time(hour, minute), ZoneInfo("Europe/London")).astimezone(dt_timezone.utc)


@pytest.fixture
def routes(db):
    return {
        "N": Route.objects.create(code="N", name="North (Clifton, Redland)", driver_name="Sam",
                                  driver_email="sam@crumbline.example", departs_at=time(5, 0)),
        "S": Route.objects.create(code="S", name="South (Bedminster)", driver_name="Priya",
                                  driver_email="priya@crumbline.example", departs_at=time(5, 30)),
    }


@pytest.fixture
def products(db):
    return {
        "SOUR-800": Product.objects.create(sku="SOUR-800", name="Sourdough 800g", unit="loaf", batch_size=24),
        "BAG-STD": Product.objects.create(sku="BAG-STD", name="Baguette", unit="piece", batch_size=40),
        "CROI-BUT": Product.objects.create(sku="CROI-BUT", name="Butter croissant", unit="piece",
                                           category="viennoiserie", batch_size=60),
    }


@pytest.fixture
def make_customer(routes):
    def _make(code, route="N", stop=1, **extra):
        return Customer.objects.create(code=code, name=extra.pop("name", f"{code} Cafe"), route=routes[route],
                                       stop_order=stop, **extra)
    return _make


@pytest.fixture
def standing(products):
    def _standing(customer, sku, weekday, quantity, starts_on=date(2024, 1, 1), **extra):
        return StandingOrder.objects.create(customer=customer, product=products[sku], weekday=weekday,
                                            quantity=quantity, starts_on=starts_on, **extra)
    return _standing
