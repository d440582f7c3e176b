from datetime import date

from django.core.management.base import BaseCommand
from django.db.models import Sum

from stock.models import Donation


class Command(BaseCommand):
    help = "Donations received per item between two dates (inclusive)"

    def add_arguments(self, parser):
        parser.add_argument("--since", type=date.fromisoformat, required=True)
        parser.add_argument("--until", type=date.fromisoformat, required=True)

    def handle(self, *args, **options):
        rows = (Donation.objects
                .filter(received_at__gte=options["since"], received_at__lte=options["until"])
                .values("item__sku")
                .annotate(total=Sum("quantity"))
                .order_by("item__sku"))
        for row in rows:
            self.stdout.write(f"{row['item__sku']},{row['total']}")
