from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Purge parcels (dry run unless --commit)"

    def add_arguments(self, parser):
        parser.add_argument("--commit", action="store_true", default=False)
        parser.add_argument("--keep-files", action="store_false", dest="delete_files")

    def handle(self, *args, **options):
        return str(options["commit"])
