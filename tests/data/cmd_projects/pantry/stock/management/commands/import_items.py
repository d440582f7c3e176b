import csv

from django.core.management.base import BaseCommand
from django.db import transaction

from stock.models import Item


class Command(BaseCommand):
    help = "Import the item catalogue (sku,name,expires_on)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    @transaction.atomic
    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                Item.objects.update_or_create(sku=row["sku"], defaults={"name": row["name"],
                                                                        "expires_on": row["expires_on"] or None})
