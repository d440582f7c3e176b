import json

from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Write the customer list as readable JSON (names as they are spelled)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        rows = [{"email": c.email, "name": c.name} for c in Customer.objects.all()]
        with open(options["path"], "w") as fh:
            json.dump(rows, fh, ensure_ascii=False, indent=2)
