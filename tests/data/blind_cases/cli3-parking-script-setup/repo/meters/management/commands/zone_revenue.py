from datetime import date

from django.core.management.base import BaseCommand, CommandError

from meters.revenue import zone_revenue


class Command(BaseCommand):
    help = "Print coin and card takings per zone for a date range (inclusive)."

    def add_arguments(self, parser):
        parser.add_argument("start", type=date.fromisoformat)
        parser.add_argument("end", type=date.fromisoformat)

    def handle(self, *args, start, end, **options):
        if end < start:
            raise CommandError("end is before start")
        for code, (coins, card) in sorted(zone_revenue(start, end).items()):
            self.stdout.write(f"{code:<6} coins £{coins / 100:>10.2f}  card £{card / 100:>10.2f}")
