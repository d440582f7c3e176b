from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Write the parcels to the file given on the command line"

    def add_arguments(self, parser):
        parser.add_argument("output")

    def handle(self, *args, **options):
        with open(options["output"], "w", encoding="utf-8") as fh:
            for parcel in Parcel.objects.all():
                fh.write(parcel.code + "\n")
