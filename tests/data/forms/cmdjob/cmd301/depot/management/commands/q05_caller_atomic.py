import csv

from django.core.management.base import BaseCommand
from django.db import transaction

from depot.importing import load_invoices


class Command(BaseCommand):
    help = "Import invoices in one transaction around the helper"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            with transaction.atomic():
                load_invoices(csv.DictReader(fh))
