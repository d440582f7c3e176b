import time

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Mark shipped parcels as processed, forever (a round's error ends the process; systemd restarts it)"

    def handle(self, *args, **options):
        while True:
            Parcel.objects.filter(shipped_at__isnull=False, processed=False).update(processed=True)
            time.sleep(30)
