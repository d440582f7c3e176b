from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Deactivate customers with no parcels in a year"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", type=bool, default="False", dest="dry_run")

    def handle(self, *args, **options):
        return str(options["dry_run"])
