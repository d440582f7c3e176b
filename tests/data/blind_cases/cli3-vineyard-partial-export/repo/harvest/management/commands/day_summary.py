from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from harvest.exporting import day_totals
from harvest.pricing import PricingError


class Command(BaseCommand):
    help = "Print tonnes and grower amounts for one day (console only)."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat)

    def handle(self, *args, date=None, **options):
        day = date or timezone.localdate()
        try:
            totals = day_totals(day)
        except PricingError as exc:
            raise CommandError(str(exc))
        for grower, (kg, amount) in sorted(totals.items()):
            self.stdout.write(f"{grower:<10} {kg / 1000:>8.3f} t  ${amount:>10}")
        self.stdout.write(f"{len(totals)} grower(s)")
