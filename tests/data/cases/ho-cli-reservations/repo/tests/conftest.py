from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import Product, Warehouse
from inventory.models import StockLevel
from inventory.reservations import reserve


@pytest.fixture
def stocked(db):
    dub = Warehouse.objects.create(code="DUB", name="Dublin")
    cork = Warehouse.objects.create(code="ORK", name="Cork")
    kettle = Product.objects.create(sku="KET-01", name="Kettle")
    for wh in (dub, cork):
        StockLevel.objects.create(warehouse=wh, product=kettle, on_hand=20)
    return {"DUB": dub, "ORK": cork, "kettle": kettle}


@pytest.fixture
def old_reservation(stocked):
    def _make(code, order_ref, quantity=2, hours_ago=100):
        return reserve(stocked[code], stocked["kettle"], order_ref, quantity,
                       now=timezone.now() - timedelta(hours=hours_ago))
    return _make
