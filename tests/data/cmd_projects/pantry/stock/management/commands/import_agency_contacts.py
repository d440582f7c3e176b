import csv

from django.core.management.base import BaseCommand

from stock.models import Agency


class Command(BaseCommand):
    help = "Add the agencies of a partner's contact list (name,email) that are not known yet"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        added = 0
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                known = Agency.objects.filter(name=row["name"])
                if not known.exists():
                    Agency.objects.create(name=row["name"], email=row["email"])
                    added += 1
        self.stdout.write(f"added {added} agency(ies)")
