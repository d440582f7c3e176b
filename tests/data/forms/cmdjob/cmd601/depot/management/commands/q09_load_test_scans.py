import json
from pathlib import Path

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Load the sample parcels the tests use into a development database"

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", default="parcels.json")

    def handle(self, *args, **options):
        with (Path("tests/samples") / options["name"]).open(encoding="utf-8") as fh:
            for row in json.load(fh):
                Parcel.objects.get_or_create(code=row["code"], defaults={"customer_id": row["customer"]})
