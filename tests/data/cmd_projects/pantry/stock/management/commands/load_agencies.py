import json

from django.core.management.base import BaseCommand

from stock.models import Agency


class Command(BaseCommand):
    help = "Load partner agencies from the network's JSON directory"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8") as fh:
            directory = json.load(fh)
        agencies = [Agency(name=entry["name"], email=entry["email"]) for entry in directory["agencies"]]
        created = Agency.objects.bulk_create(agencies, ignore_conflicts=True)
        self.stdout.write(f"loaded {len(created)} agencies")
