from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Send the weekly digest; `--archive` alone archives, `--archive false` should not"

    def add_arguments(self, parser):
        parser.add_argument("--archive", nargs="?", const=True, type=bool, default=False)

    def handle(self, *args, **options):
        return str(options["archive"])
