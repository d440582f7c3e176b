import csv

from depot.models import Product, StockLine


def import_positional(path):
    errors = []
    with open(path, newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 2:
                errors.append(f"short row {row}")
                continue
            try:
                StockLine.objects.create(product=Product.objects.get(sku=row[0]), qty=int(row[1]))
            except Product.DoesNotExist:
                errors.append(f"no Product with sku={row[0]!r}")
                continue
    return errors
