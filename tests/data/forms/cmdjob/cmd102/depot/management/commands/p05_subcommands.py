from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Maintenance of the parcel archive: `archive prune` / `archive pack`"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        prune = sub.add_parser("prune")
        prune.add_argument("--keep-latest", type=bool, default=True)
        sub.add_parser("pack")

    def handle(self, *args, **options):
        return str(options.get("keep_latest"))
