import sys

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Show one parcel"

    def add_arguments(self, parser):
        parser.add_argument("code")

    def handle(self, *args, **options):
        try:
            parcel = Parcel.objects.get(code=options["code"])
        except Parcel.DoesNotExist:
            self.stderr.write("no such parcel")
            sys.exit(2)
        self.stdout.write(str(parcel.weight))
