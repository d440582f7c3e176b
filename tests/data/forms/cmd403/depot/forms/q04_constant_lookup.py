import csv

from depot.models import Product, Store, StockLine


def import_main_store(path):
    with open(path, newline="") as fh:
        for row in csv.DictReader(fh):
            main = Store.objects.get(code="MAIN")
            product = Product.objects.filter(sku=row["sku"]).first()
            if product is not None:
                StockLine.objects.create(store=main, product=product, qty=int(row["qty"]))
