import csv

from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Sync customer names: re-running converges"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], newline="", encoding="utf-8") as fh:
            for email, name in csv.reader(fh):
                Customer.objects.update_or_create(email=email, defaults={"name": name})
