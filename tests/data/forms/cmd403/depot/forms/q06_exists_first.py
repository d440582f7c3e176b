from depot.models import Product, StockLine


def import_rows(rows, errors):
    for row in rows:
        if not Product.objects.filter(sku=row["sku"]).exists():
            errors.append(f"unknown sku {row['sku']!r}")
            continue
        product = Product.objects.get(sku=row["sku"])
        StockLine.objects.create(product=product, qty=row["qty"])
