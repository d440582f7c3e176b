from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        for email in path.read_text(encoding="utf-8").splitlines():
            Customer.objects.filter(email=email).update(active=True)
