from django.core.management.base import BaseCommand


def boolean(value):
    """A command-line boolean: `false`, `0`, `no`, `off` mean False (`bool("false")` is True)."""
    text = str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


class Command(BaseCommand):
    help = "Maintenance of the parcel archive: `archive prune` / `archive pack`"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        prune = sub.add_parser("prune")
        prune.add_argument("--keep-latest", type=boolean, default=True)
        sub.add_parser("pack")

    def handle(self, *args, **options):
        return str(options.get("keep_latest"))
