from django.core.management.base import BaseCommand

from depot.models import Customer


class Command(BaseCommand):
    help = "Create customers from a text file: one 'email name' per line"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        with open(options["path"], encoding="utf-8") as fh:
            for line in fh:
                email, name = line.split(maxsplit=1)
                customer = Customer(email=email, name=name.strip())
                customer.save()
