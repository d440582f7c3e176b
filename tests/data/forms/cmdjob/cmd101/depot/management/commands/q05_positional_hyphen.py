from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Export parcels to a file (the positional keeps its hyphen)"

    def add_arguments(self, parser):
        parser.add_argument("out-file")

    def handle(self, *args, **options):
        return options["out-file"]
