import os
import tempfile

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Export the parcels still in the depot"

    def handle(self, *args, **options):
        codes = list(Parcel.objects.filter(delivered_at__isnull=True).values_list("code", flat=True))
        with open(os.path.join(tempfile.gettempdir(), "parcels.txt"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(codes))
