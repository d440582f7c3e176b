from datetime import date

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", required=True, help="YYYY-MM-DD, inclusive")
        parser.add_argument("--since", required=True)

    def handle(self, *args, **options):
        start = date.fromisoformat(options["since"])
        end = date.fromisoformat(options["until"])
        self.stdout.write(str(Parcel.objects.filter(shipped_at__date__range=(start, end)).count()))
