import pytest

from ops.models import Payout, Sku, Statement, StockSnapshot
from ops.statements import build_statements, snapshot_stock

pytestmark = pytest.mark.django_db


def test_statement_per_paid_payout():
    Payout.objects.create(vendor="acme", amount_cents=500, approved=True, paid_out=True)
    Payout.objects.create(vendor="globex", amount_cents=700, approved=True)
    build_statements()
    assert list(Statement.objects.values_list("payout__vendor", "total_cents")) == [("acme", 500)]


def test_snapshot_per_active_sku():
    Sku.objects.create(code="A", stock=4)
    snapshot_stock()
    assert list(StockSnapshot.objects.values_list("sku__code", "stock")) == [("A", 4)]
