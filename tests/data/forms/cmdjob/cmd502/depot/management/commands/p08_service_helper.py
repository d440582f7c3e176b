from depot.batches import mark_all_processed

from django.core.management.base import BaseCommand

from depot.models import Parcel, Reminder


class Command(BaseCommand):
    help = "Process pending parcels in batches"

    def handle(self, *args, **options):
        size = 100
        mark_all_processed(size)
