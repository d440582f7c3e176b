from datetime import date

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True)

    def handle(self, *args, **options):
        since = date.fromisoformat(options["since"])
        self.stdout.write(str(Parcel.objects.filter(shipped_at__gte=since).count()))
