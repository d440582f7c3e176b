from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Delete delivered parcels"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--days", type=int, default=90, dest="age_days")

    def handle(self, *args, **options):
        return f"{options['dry_run']} {options['age_days']} {options['verbosity']}"
