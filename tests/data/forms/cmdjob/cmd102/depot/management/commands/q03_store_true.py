from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Purge delivered parcels (dry run unless --commit)"

    def add_arguments(self, parser):
        parser.add_argument("--commit", action="store_true")
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, **options):
        return str(options["commit"])
