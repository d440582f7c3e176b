from django.utils import timezone

from django.core.management.base import BaseCommand

from depot.models import DailyStat, Parcel


class Command(BaseCommand):
    help = "Report parcels shipped up to and including --until"

    def add_arguments(self, parser):
        parser.add_argument("--verbose-report", action="store_true")

    def handle(self, *args, **options):
        today = timezone.localdate()
        self.stdout.write(str(Parcel.objects.filter(created__lte=today).count()))
