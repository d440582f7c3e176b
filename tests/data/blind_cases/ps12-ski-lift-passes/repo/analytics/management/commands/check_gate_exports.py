import csv

from django.core.management.base import BaseCommand

from analytics.sources import export_path
from resorts.models import Resort

from ._dates import parse_day, yesterday


class Command(BaseCommand):
    help = "List which resorts' gate exports have arrived for a day, with their row counts."

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", type=parse_day)
        parser.add_argument("--export-root")

    def handle(self, *args, day=None, export_root=None, **options):
        day = day or yesterday()
        missing = 0
        for resort in Resort.objects.filter(active=True):
            path = export_path(resort, day, export_root)
            if not path.exists():
                missing += 1
                self.stdout.write(f"{resort.code:<6} MISSING  {path}")
                continue
            with path.open(newline="") as fh:
                rows = sum(1 for _ in csv.DictReader(fh))
            self.stdout.write(f"{resort.code:<6} {rows:>8}  {path}")
        if missing:
            self.stderr.write(f"{missing} resort(s) without an export for {day}")
