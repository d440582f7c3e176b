import csv

from django.core.management.base import BaseCommand

from depot.importing import load_invoices


class Command(BaseCommand):
    help = "Import invoices (the write loop lives in depot.importing)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            load_invoices(csv.DictReader(fh))
