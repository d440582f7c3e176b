from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        data = path.read_bytes()
        path.with_suffix(".bak").write_bytes(data)
        open(settings.EXPORT_DIR / "__init__.py", "w").close()
