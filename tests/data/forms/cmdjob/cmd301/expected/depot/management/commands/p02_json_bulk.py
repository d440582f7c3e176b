import json

from django.core.management.base import BaseCommand
from django.db import transaction

from depot.models import Customer


class Command(BaseCommand):
    help = "Load customers from a JSON dump, 500 per bulk_create"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8") as fh:
            records = json.load(fh)
        with transaction.atomic():
            for start in range(0, len(records), 500):
                chunk = records[start:start + 500]
                Customer.objects.bulk_create([Customer(email=r["email"], name=r["name"]) for r in chunk])
