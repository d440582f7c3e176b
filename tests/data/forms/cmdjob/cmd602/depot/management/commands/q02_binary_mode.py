from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        with open(path, "rb") as fh:
            for raw in fh:
                Customer.objects.filter(email=raw.decode("utf-8").strip()).update(active=False)
