from django.core.management.base import BaseCommand

from depot.models import Customer


def boolean(value):
    """A command-line boolean: `false`, `0`, `no`, `off` mean False (`bool("false")` is True)."""
    text = str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


class Command(BaseCommand):
    help = "Email every active customer about parcels waiting at the depot"

    def add_arguments(self, parser):
        parser.add_argument("--notify", type=boolean, default=True, help="send the emails")

    def handle(self, *args, **options):
        customers = Customer.objects.filter(active=True)
        if options["notify"]:
            self.stdout.write(f"notifying {customers.count()} customers")
