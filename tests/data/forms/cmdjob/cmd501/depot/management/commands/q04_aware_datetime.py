from datetime import datetime, time

from django.utils import timezone

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", required=True, help="YYYY-MM-DD, inclusive")

    def handle(self, *args, **options):
        day = datetime.strptime(options["until"], "%Y-%m-%d").date()
        end = timezone.make_aware(datetime.combine(day, time.max))
        self.stdout.write(str(Parcel.objects.filter(shipped_at__lte=end).count()))
