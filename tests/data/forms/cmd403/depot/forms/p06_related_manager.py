from decimal import Decimal

from depot.models import Supplier


def update_prices(supplier_code, rows):
    supplier = Supplier.objects.get(code=supplier_code)
    errors = []
    for row in rows:
        if not row.get("amount"):
            errors.append(f"{row.get('sku')}: no amount")
            continue
        price = supplier.prices.get(sku=row["sku"])
        price.amount = Decimal(row["amount"])
        price.save()
    return errors
