from django.core.management.base import BaseCommand


def boolean(value):
    """A command-line boolean: `false`, `0`, `no`, `off` mean False (`bool("false")` is True)."""
    text = str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


class DepotCommand(BaseCommand):
    """Base of the depot's reporting commands: every report can be mailed."""

    def add_arguments(self, parser):
        parser.add_argument("--mail", type=boolean, default=False)

    def deliver(self, text, options):
        if options["mail"]:
            self.stdout.write("mailing report")
        self.stdout.write(text)
