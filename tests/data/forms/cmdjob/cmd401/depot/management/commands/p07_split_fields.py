from django.core.management.base import BaseCommand

from depot.models import DailyStat


class Command(BaseCommand):
    help = "Import 'day;count' lines"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8") as fh:
            for line in fh:
                day, count = line.strip().split(";")
                DailyStat.objects.create(day=day, parcels=int(count))
