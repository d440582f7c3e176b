from django.shortcuts import get_object_or_404

from depot.models import Product, StockLine


def restock(records, skipped):
    for record in records:
        if record["qty"] <= 0:
            skipped.append(f"{record['sku']}: qty must be positive")
            continue
        product = get_object_or_404(Product, sku=record["sku"])
        StockLine.objects.create(product=product, qty=record["qty"])
