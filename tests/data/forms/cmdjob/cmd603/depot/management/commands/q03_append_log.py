from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        with open(settings.EXPORT_DIR / "feed.log", "a", encoding="utf-8") as fh:
            for parcel in Parcel.objects.filter(processed=False):
                fh.write(parcel.code + "\n")
