import json

from django.core.management.base import BaseCommand

from depot.importing import store_days


class Command(BaseCommand):
    help = "Store daily statistics from a JSON file (the helper reports the count)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8") as fh:
            store_days(json.load(fh).items())
