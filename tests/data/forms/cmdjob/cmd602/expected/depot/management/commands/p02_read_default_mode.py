from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                Customer.objects.filter(email=line.strip()).update(active=False)
