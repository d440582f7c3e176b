import csv

from django.core.management.base import BaseCommand

from depot.models import Store, StockLine


class Command(BaseCommand):
    help = "Open a zero stock line for every store code listed in a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                store = Store.objects.get(code=row["store"])
                StockLine.objects.create(store=store, qty=0)
