import json

from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Import customers from a JSON-lines file"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                Customer.objects.create(email=record["email"], name=record["name"])
