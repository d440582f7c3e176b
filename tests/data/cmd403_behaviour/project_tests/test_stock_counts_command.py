"""The depot project's own test of the stock-count command (all SKUs known)."""
import pytest
from django.core.management import call_command

from depot.models import Product, StockLine


@pytest.mark.django_db
def test_stock_counts_are_loaded(tmp_path):
    Product.objects.create(sku="A1")
    Product.objects.create(sku="B2")
    path = tmp_path / "counts.csv"
    path.write_text("sku,qty\nA1,1\nB2,2\n")
    call_command("p01_stock_counts", str(path))
    assert StockLine.objects.count() == 2
