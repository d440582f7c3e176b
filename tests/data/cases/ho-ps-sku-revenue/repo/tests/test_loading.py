from datetime import date
from decimal import Decimal

import pytest

from shops.loading import load_sku_revenue
from shops.models import SkuRevenue, Store


@pytest.mark.django_db
def test_load_skips_unknown_stores_and_replaces_the_day():
    Store.objects.create(code="LDN1", name="London Bridge")
    day = date(2024, 5, 6)
    rows = [{"store_id": "LDN1", "sku": "TEA-100", "units": 2, "revenue": 7.0},
            {"store_id": "XXX", "sku": "TEA-100", "units": 1, "revenue": 3.5}]
    assert load_sku_revenue(day, rows) == (1, 1)
    assert load_sku_revenue(day, rows[:1]) == (1, 0)
    assert SkuRevenue.objects.get().revenue == Decimal("7.00")
