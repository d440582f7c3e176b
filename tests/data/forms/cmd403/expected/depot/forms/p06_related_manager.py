from decimal import Decimal

from depot.models import Supplier
from django.core.exceptions import ObjectDoesNotExist


def update_prices(supplier_code, rows):
    supplier = Supplier.objects.get(code=supplier_code)
    errors = []
    for row in rows:
        if not row.get("amount"):
            errors.append(f"{row.get('sku')}: no amount")
            continue
        try:
            price = supplier.prices.get(sku=row["sku"])
        except ObjectDoesNotExist:
            errors.append(f"{row.get('sku')}: no object with sku={row['sku']!r}")
            continue
        price.amount = Decimal(row["amount"])
        price.save()
    return errors
