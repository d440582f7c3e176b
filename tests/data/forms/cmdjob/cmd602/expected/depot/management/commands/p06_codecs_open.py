import codecs

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Export or import the customer list"

    def handle(self, *args, **options):
        path = settings.EXPORT_DIR / "customers.txt"
        with codecs.open(str(path), "w", encoding="utf-8") as fh:
            fh.write("\n".join(c.name for c in Customer.objects.all()))
