import csv

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Update parcel weights from 'code,weight' rows"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for fields in csv.reader(fh):
                Parcel.objects.filter(code=fields[0]).update(weight=float(fields[1]))
