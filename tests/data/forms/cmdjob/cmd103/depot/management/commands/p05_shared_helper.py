from django.core.management.base import BaseCommand

from depot.cli_options import add_safety_options


class Command(BaseCommand):
    help = "Purge old invoices (safety options from a shared helper)"

    def add_arguments(self, parser):
        add_safety_options(parser)

    def handle(self, *args, **options):
        return str(options["backup"])
