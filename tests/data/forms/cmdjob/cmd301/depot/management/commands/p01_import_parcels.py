import csv

from django.core.management.base import BaseCommand

from depot.models import Customer, Parcel


class Command(BaseCommand):
    help = "Import parcels from a CSV export of the carrier"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                customer = Customer.objects.get(email=row["email"])
                Parcel.objects.create(code=row["code"], customer=customer)
