from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        offset = 0
        while True:
            batch = list(Parcel.objects.filter(processed=False).order_by("pk")[offset:offset + size])
            if not batch:
                break
            Parcel.objects.filter(pk__in=[p.pk for p in batch]).update(processed=True)
            offset += size
