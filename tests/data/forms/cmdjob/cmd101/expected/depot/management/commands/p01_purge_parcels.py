from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Delete delivered parcels"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        parcels = Parcel.objects.filter(delivered_at__isnull=False)
        if options["dry_run"]:
            self.stdout.write(f"would delete {parcels.count()}")
            return
        parcels.delete()
