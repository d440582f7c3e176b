import csv

from django.core.management.base import BaseCommand

from depot.models import Product, StockLine


class Command(BaseCommand):
    help = "Load stock counts from a CSV export (sku,qty)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                if not row["qty"].strip():
                    self.stderr.write(f"line {n}: blank qty")
                    continue
                product = Product.objects.get(sku=row["sku"].strip())
                StockLine.objects.create(product=product, qty=int(row["qty"]))
