from datetime import date

from depot.periods import shipped_until

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", required=True, help="YYYY-MM-DD, inclusive")

    def handle(self, *args, **options):
        self.stdout.write(str(shipped_until(date.fromisoformat(options["until"])).count()))
