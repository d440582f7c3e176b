from django.core.management.base import BaseCommand

from depot.models import Parcel
from depot.paging import iter_parcel_pages
from depot.services import mark_processed


class Command(BaseCommand):
    help = "Process pending parcels page by page through the paging helper"

    def handle(self, *args, **options):
        pending = Parcel.objects.filter(processed=False)
        for number, page in enumerate(iter_parcel_pages(pending, 100), start=1):
            for parcel in page:
                mark_processed(parcel)
            self.stdout.write(f"page {number}: {len(page)} parcels")
