from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Import parcels from a CSV file"

    def add_arguments(self, parser):
        parser.add_argument("csv-file")

    def handle(self, *args, **options):
        self.stdout.write(options["csv_file"])
