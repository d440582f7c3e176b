import csv

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction

from depot.models import Customer


class Command(BaseCommand):
    help = "Create customers, skipping the rows that fail (one transaction per row, on purpose)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for email, name in csv.reader(fh):
                try:
                    with transaction.atomic():
                        Customer.objects.create(email=email, name=name)
                except IntegrityError:
                    self.stderr.write(f"skipped {email}")
