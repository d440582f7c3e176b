from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Rebuild stats; --skip-empty is meant to skip empty days"

    def add_arguments(self, parser):
        parser.add_argument("--skip-empty", action="store_false", default=False)

    def handle(self, *args, **options):
        return str(options["skip_empty"])
