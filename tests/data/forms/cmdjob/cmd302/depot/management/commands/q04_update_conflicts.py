import csv
import logging

from django.core.management.base import BaseCommand

from depot.models import Customer

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Load customers from the CRM export; existing emails are skipped"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            objs = [Customer(email=email, name=name) for email, name in csv.reader(fh)]
        Customer.objects.bulk_create(objs, update_conflicts=True, unique_fields=["email"], update_fields=["name"])
        self.stdout.write(f"imported or updated {len(objs)} customers")
