from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Mark the first N parcels processed"

    def add_arguments(self, parser):
        parser.add_argument("--limit", default="100")

    def handle(self, *args, **options):
        for parcel in Parcel.objects.filter(processed=False)[: int(options["limit"])]:
            parcel.processed = True
            parcel.save(update_fields=["processed"])
