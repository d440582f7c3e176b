from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        fh = open(settings.EXPORT_DIR / "weights.txt", "w", encoding="utf-8")
        for parcel in Parcel.objects.all():
            fh.write(f"{parcel.code} {parcel.weight}\n")
        fh.close()
