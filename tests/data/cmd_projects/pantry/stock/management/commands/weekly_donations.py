from datetime import date, timedelta

from django.core.management.base import BaseCommand

from stock.models import Donation


class Command(BaseCommand):
    help = "Donations of the seven days starting --week-start (the end is the next week's first day, left out)"

    def add_arguments(self, parser):
        parser.add_argument("--week-start", type=date.fromisoformat, required=True)

    def handle(self, *args, **options):
        start = options["week_start"]
        end = start + timedelta(days=7)
        count = Donation.objects.filter(received_at__range=(start, end)).count()
        self.stdout.write(f"{count} donation(s) in the week of {start}")
