from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fleet.models import FuelType
from fuel.reports import consumption_by_bus


class Command(BaseCommand):
    help = "Litres per bus (and l/100km where odometer readings allow) for a date range."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=date.fromisoformat, required=True)
        parser.add_argument("--to", dest="last", type=date.fromisoformat, required=True)
        parser.add_argument("--depot", help="depot code, e.g. NORTH")
        parser.add_argument("--fuel", default=FuelType.DIESEL, choices=FuelType.values)

    def handle(self, *args, first, last, depot=None, fuel=FuelType.DIESEL, **options):
        if last < first:
            raise CommandError("--to is before --from")
        rows = consumption_by_bus(first, last, depot=depot, fuel_type=fuel)
        self.stdout.write(f"{'bus':<8} {'fills':>5} {'litres':>10} {'l/100km':>8}")
        total = 0
        for row in rows:
            per_100 = f"{row['l_per_100km']:.1f}" if row["l_per_100km"] is not None else "-"
            self.stdout.write(f"{row['fleet_number']:<8} {row['fills']:>5} {row['litres']:>10.2f} {per_100:>8}")
            total += row["litres"]
        self.stdout.write(f"{'total':<8} {sum(r['fills'] for r in rows):>5} {total:>10.2f}")
