from datetime import date

from django.core.management.base import BaseCommand
from django.db.models import Sum

from stock.models import Shift


class Command(BaseCommand):
    help = "Volunteer hours between two dates (inclusive)"

    def add_arguments(self, parser):
        parser.add_argument("--since", type=date.fromisoformat, required=True)
        parser.add_argument("--until", type=date.fromisoformat, required=True)

    def handle(self, *args, **options):
        rows = (Shift.objects
                .filter(started_at__date__range=(options["since"], options["until"]))
                .values("volunteer")
                .annotate(total=Sum("hours"))
                .order_by("volunteer"))
        for row in rows:
            self.stdout.write(f"{row['volunteer']},{row['total']}")
