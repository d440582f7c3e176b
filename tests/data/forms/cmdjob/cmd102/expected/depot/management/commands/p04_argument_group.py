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
    help = "Rebuild the daily statistics"

    def add_arguments(self, parser):
        output = parser.add_argument_group("output")
        output.add_argument("--verbose-report", type=boolean, default=False)

    def handle(self, *args, **options):
        return str(options["verbose_report"])
