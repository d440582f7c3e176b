import sys

from django.core.management.base import BaseCommand

from depot.models import Parcel


class Command(BaseCommand):
    help = "Mark one parcel delivered"

    def add_arguments(self, parser):
        parser.add_argument("code")

    def fail(self, message):
        self.stderr.write(message)
        sys.exit(1)

    def handle(self, *args, **options):
        parcel = Parcel.objects.filter(code=options["code"]).first()
        if parcel is None:
            self.fail("no such parcel")
        parcel.processed = True
        parcel.save(update_fields=["processed"])
