import io

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        with io.open(path, mode="a") as fh:
            fh.write(f"{Customer.objects.count()} customers\n")
