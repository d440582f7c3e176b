import csv

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Delete the parcels listed in a recall file"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for code, in csv.reader(fh):
                Parcel.objects.filter(code=code).delete()
