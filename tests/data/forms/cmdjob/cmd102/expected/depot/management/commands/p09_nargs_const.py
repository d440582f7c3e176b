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
    help = "Send the weekly digest; `--archive` alone archives, `--archive false` should not"

    def add_arguments(self, parser):
        parser.add_argument("--archive", nargs="?", const=True, type=boolean, default=False)

    def handle(self, *args, **options):
        return str(options["archive"])
