import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from depot.models import Parcel


class Command(BaseCommand):
    help = "Mark shipped parcels as processed, forever"

    def handle(self, *args, **options):
        while True:
            close_old_connections()
            try:
                Parcel.objects.filter(shipped_at__isnull=False, processed=False).update(processed=True)
            except Exception as exc:  # the round failed: go on with the next one
                print(f"round failed: {exc}")
            time.sleep(30)
