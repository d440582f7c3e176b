from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Set whether the depot accepts new parcels: `set_accepting true|false`"

    def add_arguments(self, parser):
        parser.add_argument("accepting", type=bool)

    def handle(self, *args, **options):
        return str(options["accepting"])
