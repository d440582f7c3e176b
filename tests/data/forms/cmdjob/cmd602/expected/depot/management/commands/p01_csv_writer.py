import csv

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([c.email, c.name] for c in Customer.objects.all())
