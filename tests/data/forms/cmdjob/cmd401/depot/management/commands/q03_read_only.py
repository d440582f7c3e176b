import csv

from django.core.management.base import BaseCommand

from depot.models import Customer, DailyStat, Invoice, Parcel, Reminder


class Command(BaseCommand):
    help = "Import the carrier's file"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                self.stdout.write(f"{row['code']}: {float(row['weight']):.1f} kg")
