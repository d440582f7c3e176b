import csv
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from stock.models import Donation, Item


class Command(BaseCommand):
    help = "Import the donation desk's CSV export (sku,donor,quantity,received_at)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        created = 0
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                item = Item.objects.get(sku=row["sku"].strip())
                received = timezone.make_aware(datetime.fromisoformat(row["received_at"]))
                Donation.objects.create(item=item, donor=row["donor"], quantity=int(row["quantity"]),
                                        received_at=received)
                created += 1
        self.stdout.write(f"imported {created} donation(s)")
