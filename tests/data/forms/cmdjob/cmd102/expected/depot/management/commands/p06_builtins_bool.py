import builtins

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
    help = "Close the day's invoices"

    def add_arguments(self, parser):
        parser.add_argument("--final", type=boolean, default=False)

    def handle(self, *args, **options):
        return str(options["final"])
