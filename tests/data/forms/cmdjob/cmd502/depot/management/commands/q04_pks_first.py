from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        pks = list(Parcel.objects.filter(processed=False).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), size):
            Parcel.objects.filter(pk__in=pks[start:start + size]).update(processed=True)
