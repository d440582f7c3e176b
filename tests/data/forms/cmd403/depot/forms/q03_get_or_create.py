from depot.models import Product, StockLine


def import_rows(rows):
    for row in rows:
        product, _ = Product.objects.get_or_create(sku=row["sku"])
        StockLine.objects.create(product=product, qty=row["qty"])
