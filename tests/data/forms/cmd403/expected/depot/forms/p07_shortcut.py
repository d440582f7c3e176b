from django.shortcuts import get_object_or_404

from depot.models import Product, StockLine
from django.http import Http404


def restock(records, skipped):
    for record in records:
        if record["qty"] <= 0:
            skipped.append(f"{record['sku']}: qty must be positive")
            continue
        try:
            product = get_object_or_404(Product, sku=record["sku"])
        except Http404:
            skipped.append(f"{record['sku']}: no Product with sku={record['sku']!r}")
            continue
        StockLine.objects.create(product=product, qty=record["qty"])
