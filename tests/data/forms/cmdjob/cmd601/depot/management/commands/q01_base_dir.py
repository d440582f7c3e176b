import csv

from django.conf import settings

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Export the parcels still in the depot"

    def handle(self, *args, **options):
        codes = list(Parcel.objects.filter(delivered_at__isnull=True).values_list("code", flat=True))
        with open(settings.BASE_DIR / "exports" / "parcels.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([c] for c in codes)
