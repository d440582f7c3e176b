import os

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel

FEED_DIR = "/srv/depot/feeds"


class Command(BaseCommand):
    help = "Write the parcel feed the partners download"

    def handle(self, *args, **options):
        with open(os.path.join(FEED_DIR, "parcels.txt"), "w", encoding="utf-8") as fh:
            for parcel in Parcel.objects.filter(processed=True):
                fh.write(f"{parcel.code}\n")
