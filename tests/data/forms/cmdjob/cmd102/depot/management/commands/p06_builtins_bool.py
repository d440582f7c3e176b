import builtins

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Close the day's invoices"

    def add_arguments(self, parser):
        parser.add_argument("--final", type=builtins.bool, default=False)

    def handle(self, *args, **options):
        return str(options["final"])
