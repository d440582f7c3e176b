import csv

from django.core.management.base import BaseCommand
from django.db.models import F

from depot.models import DailyStat


class Command(BaseCommand):
    help = "Add the scanner's counts to the daily statistics"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                DailyStat.objects.filter(day=row["day"]).update(parcels=F("parcels") + int(row["count"]))
