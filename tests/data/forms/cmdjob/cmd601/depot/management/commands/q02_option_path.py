from pathlib import Path

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Export the parcels to the file given on the command line"

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path("parcels.txt"))

    def handle(self, *args, **options):
        codes = Parcel.objects.values_list("code", flat=True)
        options["output"].write_text("\n".join(codes), encoding="utf-8")
