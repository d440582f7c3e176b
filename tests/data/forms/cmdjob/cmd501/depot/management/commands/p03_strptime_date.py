from datetime import datetime

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", required=True, help="YYYY-MM-DD, inclusive")

    def handle(self, *args, **options):
        until = datetime.strptime(options["until"], "%Y-%m-%d").date()
        self.stdout.write(str(Parcel.objects.filter(delivered_at__lte=until).count()))
