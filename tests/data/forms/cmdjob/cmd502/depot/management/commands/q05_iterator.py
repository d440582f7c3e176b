from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        for parcel in Parcel.objects.filter(processed=False).iterator(chunk_size=size):
            parcel.processed = True
            parcel.save(update_fields=["processed"])
