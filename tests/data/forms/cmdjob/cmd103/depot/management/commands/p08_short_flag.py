from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recompute invoice totals"

    def add_arguments(self, parser):
        parser.add_argument("-r", "--round", action="store_true", default=True)

    def handle(self, *args, **options):
        return str(options["round"])
