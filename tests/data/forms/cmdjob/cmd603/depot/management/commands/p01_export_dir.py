import csv

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        with open(settings.EXPORT_DIR / "parcels.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            for parcel in Parcel.objects.all():
                writer.writerow([parcel.code, parcel.weight])
