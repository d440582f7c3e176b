import csv

from django.core.management.base import BaseCommand

from depot.writing import register_parcel


class Command(BaseCommand):
    help = "Register parcels scanned at the gate"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                register_parcel(row["code"], int(row["customer"]))
