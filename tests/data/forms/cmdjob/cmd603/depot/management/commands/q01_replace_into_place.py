import os

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        target = settings.EXPORT_DIR / "parcels.txt"
        tmp = target.with_suffix(".txt.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for parcel in Parcel.objects.all():
                fh.write(parcel.code + "\n")
        os.replace(tmp, target)
