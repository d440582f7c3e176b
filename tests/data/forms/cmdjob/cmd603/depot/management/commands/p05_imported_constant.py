
from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel
from depot.paths import REPORTS_DIR


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        with open(REPORTS_DIR / "open-parcels.txt", "w", encoding="utf-8") as fh:
            for parcel in Parcel.objects.filter(delivered_at__isnull=True):
                fh.write(parcel.code + "\n")
