from django.core.management.base import BaseCommand


class DepotCommand(BaseCommand):
    """Base of the depot's reporting commands: every report can be mailed."""

    def add_arguments(self, parser):
        parser.add_argument("--mail", type=bool, default=False)

    def deliver(self, text, options):
        if options["mail"]:
            self.stdout.write("mailing report")
        self.stdout.write(text)
