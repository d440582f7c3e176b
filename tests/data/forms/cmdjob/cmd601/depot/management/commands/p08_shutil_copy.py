import shutil

from django.conf import settings

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Export the parcels still in the depot"

    def handle(self, *args, **options):
        codes = list(Parcel.objects.filter(delivered_at__isnull=True).values_list("code", flat=True))
        shutil.copy("templates/export_header.txt", settings.EXPORT_DIR / "header.txt")
        self.stdout.write(str(len(codes)))
