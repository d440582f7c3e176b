import pytest

from ops import pricing
from ops.models import Sku
from ops.repricing import reprice_inactive_skus, reprice_skus

pytestmark = pytest.mark.django_db


def test_reprice_uses_the_list_price():
    pricing.LIST_PRICES.update({"A": 990, "B": 120})
    Sku.objects.create(code="A", price_cents=1)
    Sku.objects.create(code="B", price_cents=1, active=False)
    reprice_skus()
    reprice_inactive_skus()
    assert dict(Sku.objects.values_list("code", "price_cents")) == {"A": 990, "B": 120}
