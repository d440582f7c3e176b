from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Archive maintenance: `prune` or `pack`"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        prune = sub.add_parser("prune")
        prune.add_argument("--keep", type=int, default=10)
        prune.set_defaults(mode="prune")

    def handle(self, *args, **options):
        return f"{options['action']} {options.get('keep')} {options['mode']}"
