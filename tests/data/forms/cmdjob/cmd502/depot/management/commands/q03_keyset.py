from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        last_pk = 0
        while True:
            batch = list(Parcel.objects.filter(processed=False, pk__gt=last_pk).order_by("pk")[:size])
            if not batch:
                break
            for parcel in batch:
                parcel.processed = True
                parcel.save(update_fields=["processed"])
            last_pk = batch[-1].pk
