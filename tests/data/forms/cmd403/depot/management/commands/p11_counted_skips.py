import json

from django.core.management.base import BaseCommand

from depot.models import Store, StockLine


class Command(BaseCommand):
    help = "Import store totals from JSON lines; rows that cannot be imported are counted as skipped."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        imported = skipped = 0
        with open(options["path"], encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                store = Store.objects.get(code=record["store"])
                try:
                    StockLine.objects.create(store=store, qty=int(record["qty"]))
                    imported += 1
                except ValueError:
                    skipped += 1
        self.stdout.write(f"{imported} imported, {skipped} skipped")
