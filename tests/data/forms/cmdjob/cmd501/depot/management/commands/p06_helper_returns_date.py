from depot.periods import end_of_month

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--month", type=int, required=True)

    def handle(self, *args, **options):
        last = end_of_month(options["year"], options["month"])
        self.stdout.write(str(Parcel.objects.filter(shipped_at__lte=last).count()))
