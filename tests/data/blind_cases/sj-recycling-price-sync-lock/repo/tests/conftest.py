from decimal import Decimal

import pytest
from django.core.cache import cache

from materials.models import Material


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def materials(db):
    return {
        code: Material.objects.create(code=code, name=name, buyer_price_per_tonne=Decimal(price))
        for code, name, price in [
            ("CU-BRIGHT", "Bright copper wire", "7650.00"),
            ("BRASS-MIX", "Mixed brass", "4210.00"),
            ("AL-CAST", "Cast aluminium", "1180.00"),
        ]
    }
