import shutil
import tempfile

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        with tempfile.NamedTemporaryFile("w", dir=settings.EXPORT_DIR, delete=False, encoding="utf-8") as fh:
            for parcel in Parcel.objects.all():
                fh.write(parcel.code + "\n")
        shutil.move(fh.name, settings.EXPORT_DIR / "parcels.txt")
