from django.core.management.base import BaseCommand

from depot.cli_options import add_delivery_options


class Command(BaseCommand):
    help = "Remind customers of parcels not collected (options from a shared helper)"

    def add_arguments(self, parser):
        add_delivery_options(parser)

    def handle(self, *args, **options):
        return str(options["send_email"])
