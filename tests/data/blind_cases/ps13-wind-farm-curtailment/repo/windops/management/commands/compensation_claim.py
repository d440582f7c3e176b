from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fleet.models import WindFarm
from windops.settlement import totals, write_claim


class Command(BaseCommand):
    help = "Write the monthly curtailment compensation claim for a farm (CSV for the grid operator)."

    def add_arguments(self, parser):
        parser.add_argument("--farm", required=True, help="farm code, e.g. HWF")
        parser.add_argument("--month", required=True, help="YYYY-MM")

    def handle(self, *args, farm, month, **options):
        try:
            wind_farm = WindFarm.objects.get(code=farm)
        except WindFarm.DoesNotExist as exc:
            raise CommandError(f"unknown farm {farm}") from exc
        path = settings.CLAIMS_ROOT / f"claim_{wind_farm.code}_{month}.csv"
        lines = write_claim(path, wind_farm, month)
        for reason, eur in sorted(totals(lines).items()):
            self.stdout.write(f"{reason}: {eur:.2f} EUR")
        self.stdout.write(f"{len(lines)} lines written to {path}")
