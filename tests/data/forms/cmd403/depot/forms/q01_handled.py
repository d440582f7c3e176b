from depot.models import Product, StockLine


def import_rows(rows, errors):
    for row in rows:
        try:
            product = Product.objects.get(sku=row["sku"])
        except Product.DoesNotExist:
            errors.append(f"unknown sku {row['sku']!r}")
            continue
        StockLine.objects.create(product=product, qty=row["qty"])
