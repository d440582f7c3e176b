from datetime import date, timedelta

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", required=True, help="YYYY-MM-DD, inclusive")

    def handle(self, *args, **options):
        until = date.fromisoformat(options["until"])
        self.stdout.write(str(Parcel.objects.filter(shipped_at__lt=until + timedelta(days=1)).count()))
