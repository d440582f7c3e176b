from django.core.management.base import BaseCommand

from depot.models import Product, StockLine


class Command(BaseCommand):
    help = "Receive deliveries listed one per line as SKU QTY."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8") as fh:
            for raw in fh.read().splitlines():
                if not raw.strip():
                    self.stderr.write(self.style.WARNING("blank line skipped"))
                    continue
                sku, qty = raw.split()
                product = Product.objects.filter(active=True).get(sku=sku)
                StockLine.objects.create(product=product, qty=int(qty))
