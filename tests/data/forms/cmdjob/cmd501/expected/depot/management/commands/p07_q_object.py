from datetime import date

from django.db.models import Q

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--until", required=True, help="YYYY-MM-DD, inclusive")

    def handle(self, *args, **options):
        until = date.fromisoformat(options["until"])
        late = Parcel.objects.filter(Q(shipped_at__date__lte=until) | Q(processed=False))
        self.stdout.write(str(late.count()))
