import gzip

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        with gzip.open(f"{path}.gz") as fh:
            data = fh.read().decode("utf-8")
        self.stdout.write(str(len(data)))
