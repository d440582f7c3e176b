import sys as system

from django.core.management.base import BaseCommand, CommandError

from depot.models import Invoice


class Command(BaseCommand):
    help = "Close a billing period"

    def add_arguments(self, parser):
        parser.add_argument("period")

    def handle(self, *args, **options):
        if not Invoice.objects.filter(period=options["period"]).exists():
            raise CommandError(f"no invoices for {options['period']}")
        self.stdout.write("closed")
