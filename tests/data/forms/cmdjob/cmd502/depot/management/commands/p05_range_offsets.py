from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        total = Parcel.objects.filter(processed=False).count()
        for offset in range(0, total, size):
            for parcel in Parcel.objects.filter(processed=False).order_by("pk")[offset:offset + size]:
                parcel.processed = True
                parcel.save(update_fields=["processed"])
