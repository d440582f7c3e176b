from datetime import date

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", type=date.fromisoformat, required=True)

    def handle(self, *args, **options):
        self.stdout.write(str(Parcel.objects.filter(shipped_at__lte=options["until"]).count()))
