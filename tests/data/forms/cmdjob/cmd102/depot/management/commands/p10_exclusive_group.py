from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recalculate parcel weights"

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--all", type=bool, default=False)
        mode.add_argument("--code")

    def handle(self, *args, **options):
        return str(options["all"])
