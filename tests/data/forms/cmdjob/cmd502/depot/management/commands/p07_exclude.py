from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        offset = 0
        while True:
            batch = list(Parcel.objects.exclude(processed=True).order_by("pk")[offset:offset + size])
            if not batch:
                break
            for parcel in batch:
                parcel.processed = True
                parcel.save()
            offset += size
