from datetime import date

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", required=True, help="YYYY-MM-DD, inclusive")

    def handle(self, *args, **options):
        until = date.fromisoformat(options["until"])
        self.stdout.write(str(DailyStat.objects.filter(day__lte=until).count()))
