from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        with (settings.MEDIA_ROOT / "feeds" / "parcels.txt").open("w", encoding="utf-8") as fh:
            fh.writelines(f"{code}\n" for code in Parcel.objects.values_list("code", flat=True))
