from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        start = 0
        while True:
            chunk = list(Parcel.objects.filter(processed=False).order_by("pk")[start:start + size])
            if not chunk:
                break
            for item in chunk:
                item.processed = True
                item.save()
            start = start + size
